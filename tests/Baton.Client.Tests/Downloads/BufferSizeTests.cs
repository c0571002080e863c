using Baton.Client.Downloads;

namespace Baton.Client.Tests.Downloads;

public class BufferSizeTests
{
    private const int KiB = 1 << 10;

    [Theory]
    [InlineData(1, 1024 * KiB)]
    [InlineData(32, 1024 * KiB)]
    [InlineData(64, 512 * KiB)]
    [InlineData(512, 64 * KiB)]
    [InlineData(1024, 64 * KiB)]
    public void Read_buffers_are_1_MiB_until_all_connections_together_would_pass_32_MiB_and_never_below_64_KiB(int connections, int expected)
    {
        Assert.Equal(expected, new DownloadOptions().BufferSizeFor(connections));
    }

    [Fact]
    public void An_explicit_smaller_buffer_is_kept()
    {
        Assert.Equal(16 * KiB, new DownloadOptions { BufferSize = 16 * KiB }.BufferSizeFor(1));
    }
}
