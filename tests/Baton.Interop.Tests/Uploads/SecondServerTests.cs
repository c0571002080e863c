using Baton.Testing;

namespace Baton.Interop.Tests.Uploads;

/// <summary>Issue 11 item 7: two <c>baton serve</c> processes on one ROOT must not both append to its uploads.</summary>
[Trait("Speed", "Slow")]
public sealed class SecondServerTests
{
    [Fact]
    public async Task A_second_serve_on_the_same_root_is_refused_naming_the_root_and_the_holder_and_the_first_keeps_serving()
    {
        using var root = new TempDirectory();
        await using var first = await BatonServeProcess.StartAsync(root.Path, FreePort.Next());

        await using var second = await BatonCli.RunAsync(
            ["serve", root.Path, "--urls", $"http://127.0.0.1:{FreePort.Next()}"], TimeSpan.FromSeconds(60), root.Path);

        Assert.Equal(1, second.ExitCode); // docs/uploads.md §Locking
        Assert.Contains($"{root.Path} is already in use by another Baton process (pid {first.Process.Id})", second.Output);
        using var client = new HttpClient { BaseAddress = first.Url };
        using var options = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "uploads"));
        Assert.True(options.IsSuccessStatusCode);
    }

    [Fact]
    public async Task After_the_first_server_is_killed_a_new_one_serves_the_root()
    {
        using var root = new TempDirectory();
        var port = FreePort.Next();
        var first = await BatonServeProcess.StartAsync(root.Path, port);
        await first.Process.KillAsync();
        await first.DisposeAsync();

        await using var second = await BatonServeProcess.StartAsync(root.Path, port);

        Assert.False(second.Process.HasExited);
    }
}
