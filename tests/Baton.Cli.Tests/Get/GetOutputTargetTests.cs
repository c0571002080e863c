using System.Security.Cryptography;
using Baton.Client.Downloads;
using Baton.Testing;

namespace Baton.Cli.Tests.Get;

/// <summary>
/// Issue 11 item 2: <c>baton get -o PATH</c> never replaces what is at PATH with a regular file. A character device, a FIFO and
/// <c>-</c> are streamed through without .part or control file; a symbolic link is refused (exit 9) and left as it was.
/// </summary>
public sealed class GetOutputTargetTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private BatonTestServer _server = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync();
        _source = _server.WriteRandomFile("f.bin", 3 << 20);
    }

    private string Url => _server.Url("files/f.bin").AbsoluteUri;

    [Fact]
    public async Task A_character_device_stays_a_character_device()
    {
        var run = await BatonCli.RunAsync(["get", Url, "-o", "/dev/null"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not resumable", run.Output);
        Assert.Equal(OutputTargetKind.CharacterDevice, OutputTarget.Inspect("/dev/null"));
        Assert.False(File.Exists("/dev/null.part"));
        Assert.False(File.Exists("/dev/null.part.baton"));
    }

    [Fact]
    public async Task A_fifo_is_streamed_to_its_reader_and_stays_a_fifo()
    {
        var fifo = _dir.Combine("pipe");
        Assert.Equal(0, (await RunningProcess.RunAsync("mkfifo", [fifo])).ExitCode);
        var reader = Task.Run(async () =>
        {
            await using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Read);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        });

        var run = await BatonCli.RunAsync(["get", Url, "-o", fifo]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not resumable", run.Output);
        Assert.Equal(await File.ReadAllBytesAsync(_source), await reader);
        Assert.Equal(OutputTargetKind.Fifo, OutputTarget.Inspect(fifo));
        Assert.Equal(["pipe"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Dash_writes_the_file_to_standard_output_and_messages_to_stderr()
    {
        var file = _dir.Combine("stdout.bin");
        var run = await RunningProcess.RunAsync("bash",
            ["-c", $"dotnet '{BatonCli.DllPath}' get '{Url}' -o - > '{file}'"], workingDirectory: _dir.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("standard output: streamed through, not resumable", run.Output);
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(_source)), SHA256.HashData(await File.ReadAllBytesAsync(file)));
        Assert.Equal(["stdout.bin"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_symbolic_link_is_refused_with_exit_9_and_left_unchanged()
    {
        var target = _dir.Combine("target.txt");
        await File.WriteAllTextAsync(target, "keep me");
        var link = _dir.Combine("link");
        File.CreateSymbolicLink(link, target);

        var run = await BatonCli.RunAsync(["get", Url, "-o", link]);

        Assert.Equal(9, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"baton: error: {link} is a symbolic link; baton get does not write through or replace links (give the link's target as -o)", line);
        Assert.Equal(OutputTargetKind.SymbolicLink, OutputTarget.Inspect(link));
        Assert.Equal("keep me", await File.ReadAllTextAsync(target));
        Assert.False(File.Exists(link + ".part"));
    }

    [Fact]
    public async Task An_existing_regular_file_with_other_content_is_replaced_once_the_download_is_complete()
    {
        var path = _dir.Combine("f.bin");
        await File.WriteAllTextAsync(path, "old content");

        var run = await BatonCli.RunAsync(["get", Url, "-o", path]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(await File.ReadAllBytesAsync(_source), await File.ReadAllBytesAsync(path));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }
}
