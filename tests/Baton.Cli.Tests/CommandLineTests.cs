using Baton.Testing;

namespace Baton.Cli.Tests;

/// <summary>The verbs' help and usage errors, through the built executable.</summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("get")]
    [InlineData("put")]
    [InlineData("ls")]
    [InlineData("rm")]
    public async Task Every_verb_has_help_with_examples(string verb)
    {
        var run = await BatonCli.RunAsync([verb, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Examples:", run.Output);
        Assert.Contains($"baton {verb} ", run.Output);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("get", "http://127.0.0.1:1/x", "-c", "0")]
    [InlineData("get", "http://127.0.0.1:1/x", "--checksum", "sha256=abc")]
    [InlineData("get", "http://127.0.0.1:1/x", "--limit-rate", "fast")]
    [InlineData("get", "ftp://127.0.0.1/x")]
    [InlineData("put", "file.bin")]
    [InlineData("put", "file.bin", "http://127.0.0.1:1/files/", "--metadata", "no-equals-sign")]
    [InlineData("put", "file.bin", "http://127.0.0.1:1/files/", "--parallel", "0")]
    [InlineData("ls")]
    [InlineData("rm", "not-a-url")]
    public async Task A_wrong_command_line_is_one_error_line_and_exit_code_2(params string[] arguments)
    {
        var run = await BatonCli.RunAsync(arguments);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("baton: error:", line);
    }

    [Fact]
    public async Task Get_of_a_server_that_never_answered_fails_fast_without_retries_with_the_network_code()
    {
        using var dir = new TempDirectory();
        using var refusing = new RefusingPort();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = await BatonCli.RunAsync(["get", $"http://127.0.0.1:{refusing.Port}/x.bin", "-o", dir.Combine("x.bin"), "--retries", "5"]);
        var elapsed = watch.Elapsed;
        var quiet = await BatonCli.RunAsync(["get", $"http://127.0.0.1:{refusing.Port}/x.bin", "-o", dir.Combine("x.bin"), "--retries", "1", "-q"]);

        Assert.Equal(3, run.ExitCode);
        Assert.DoesNotContain("baton: retry", run.Output);
        Assert.Contains("connection refused", run.Output);
        Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // Five retries from 0.5 s would take over 15 s; the process start itself is most of what is left.
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
        Assert.Equal(3, quiet.ExitCode);
        Assert.StartsWith("baton: error:", quiet.Output);
        Assert.Single(quiet.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Put_of_a_missing_file_exits_with_the_local_io_code()
    {
        using var dir = new TempDirectory();

        var run = await BatonCli.RunAsync(["put", dir.Combine("missing.bin"), $"http://127.0.0.1:{FreePort.Next()}/files/", "-q"]);

        Assert.Equal(9, run.ExitCode);
        Assert.Contains("no such file", run.Output);
    }
}
