using Baton.Testing;

namespace Baton.Interop.Tests.Client;

/// <summary><c>baton get</c> against servers that ignore Range or drop connections: the file is still exact.</summary>
public class FaultyServerGetTests
{
    private const int MiB = 1 << 20;

    [Theory]
    [InlineData(FaultyServerMode.IgnoreRange)]
    [InlineData(FaultyServerMode.DropConnections)]
    public async Task The_downloaded_file_is_byte_identical(FaultyServerMode mode)
    {
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("source.bin", 10 * MiB + 7);
        await using var server = new FaultyFileServer(source, mode);
        var target = dir.Combine("out.bin");

        var run = await BatonCli.RunAsync(["get", new Uri(server.BaseAddress, "x.bin").AbsoluteUri, "-o", target, "-c", "4", "--retries", "10"]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(target));
        if (mode == FaultyServerMode.DropConnections)
        {
            Assert.True(server.Drops > 0);
        }
    }
}
