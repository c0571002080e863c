using Baton.Client.Downloads;

namespace Baton.Client.Tests.Downloads;

public class ConnectionChoiceTests
{
    private const long MiB = 1 << 20;

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3 * MiB, 1)]
    [InlineData(8 * MiB, 2)]
    [InlineData(12 * MiB, 3)]
    [InlineData(10_000 * MiB, 4)]
    public void By_default_one_connection_per_4_MiB_up_to_the_polite_per_host_limit(long length, int expected)
    {
        Assert.Equal(expected, FileDownloader.ChooseConnections(length, new DownloadOptions()));
    }

    [Fact]
    public void An_explicit_count_is_not_capped_at_16()
    {
        Assert.Equal(32, FileDownloader.ChooseConnections(MiB, new DownloadOptions { Connections = 32 }));
    }
}
