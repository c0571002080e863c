using Baton.Testing;

namespace Baton.Cli.Tests.Install;

/// <summary>Issue 11 item 8: both ways README.md installs <c>baton</c> — a .NET tool from a packed nupkg, and a published folder.</summary>
[Trait("Speed", "Slow")]
public sealed class InstallTests : IDisposable
{
    private readonly TempDirectory _dir = new("baton-install-");

    private static string Project => Path.Combine(BatonCli.RepositoryRoot, "src", "Baton.Cli");

    [Fact]
    public async Task Dotnet_tool_install_from_a_packed_nupkg_gives_a_working_baton()
    {
        var pack = await RunningProcess.RunAsync("dotnet", ["pack", Project, "-c", "Release", "-o", _dir.Combine("nupkg"), "-nologo"], TimeSpan.FromMinutes(8));
        Assert.True(pack.ExitCode == 0, pack.Output);
        var install = await RunningProcess.RunAsync("dotnet",
            ["tool", "install", "--tool-path", _dir.Combine("tools"), "--add-source", _dir.Combine("nupkg"), "Baton.Cli"], TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, install.Output);

        await AssertWorksAsync(_dir.Combine("tools", "baton"));
    }

    [Fact]
    public async Task A_published_folder_linked_onto_the_path_gives_a_working_baton()
    {
        var publish = await RunningProcess.RunAsync("dotnet", ["publish", Project, "-c", "Release", "-o", _dir.Combine("baton"), "-nologo"], TimeSpan.FromMinutes(8));
        Assert.True(publish.ExitCode == 0, publish.Output);
        Directory.CreateDirectory(_dir.Combine("bin"));
        File.CreateSymbolicLink(_dir.Combine("bin", "baton"), _dir.Combine("baton", "baton"));

        await AssertWorksAsync(_dir.Combine("bin", "baton"));
    }

    /// <summary>The installed command answers --version and downloads a file (README's get example) from a running Baton.</summary>
    private async Task AssertWorksAsync(string baton)
    {
        var version = await RunningProcess.RunAsync(baton, ["--version"]);
        Assert.True(version.ExitCode == 0, version.Output);
        await using var server = await BatonTestServer.StartAsync();
        var source = server.WriteRandomFile("big.iso", 100_000);
        var get = await RunningProcess.RunAsync(baton, ["get", server.Url("files/big.iso").AbsoluteUri, "-o", _dir.Combine("big.iso"), "-q"]);
        Assert.True(get.ExitCode == 0, get.Output);
        Assert.Equal(await File.ReadAllBytesAsync(source), await File.ReadAllBytesAsync(_dir.Combine("big.iso")));
    }

    public void Dispose() => _dir.Dispose();
}
