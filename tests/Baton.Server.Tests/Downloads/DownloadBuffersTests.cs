using Baton.Server.Downloads;
using Microsoft.Extensions.Options;

namespace Baton.Server.Tests.Downloads;

public sealed class DownloadBuffersTests
{
    private static DownloadBuffers Buffers(int bufferSize = 1024 * 1024, long budget = 4L * 1024 * 1024) =>
        new(Options.Create(new BatonOptions { Downloads = new DownloadOptions { BufferSize = bufferSize, BufferBudget = budget } }));

    [Fact]
    public void A_lone_download_gets_the_whole_buffer_size()
    {
        var buffers = Buffers();
        using var share = buffers.Enter();
        Assert.Equal(1024 * 1024, share.BatchSize);
    }

    [Fact]
    public void The_budget_is_split_among_the_downloads_running_now()
    {
        var buffers = Buffers();
        var shares = Enumerable.Range(0, 16).Select(_ => buffers.Enter()).ToList();
        Assert.Equal(256 * 1024, shares[0].BatchSize);
        foreach (var share in shares.Skip(4))
        {
            share.Dispose();
        }
        Assert.Equal(1024 * 1024, shares[0].BatchSize);
        shares.ForEach(s => s.Dispose());
        Assert.Equal(0, buffers.Active);
    }

    [Fact]
    public void Many_downloads_never_go_below_the_minimum_batch()
    {
        var buffers = Buffers();
        var shares = Enumerable.Range(0, 1000).Select(_ => buffers.Enter()).ToList();
        Assert.Equal(DownloadBuffers.MinimumBatch, shares[0].BatchSize);
        shares.ForEach(s => s.Dispose());
    }

    [Theory]
    [InlineData(200, 4L * 1024 * 1024, 16 * 1024)] // 20,971 bytes each, cut to whole pieces
    [InlineData(3, 1024 * 1024, 21 * 16 * 1024)] // 349,525
    [InlineData(64, 4L * 1024 * 1024, 64 * 1024)]
    public void Batches_are_whole_multiples_of_the_minimum_batch(int downloads, long budget, int expected)
    {
        var buffers = Buffers(budget: budget);
        var shares = Enumerable.Range(0, downloads).Select(_ => buffers.Enter()).ToList();
        Assert.Equal(expected, shares[0].BatchSize);
        Assert.Equal(0, shares[0].BatchSize % DownloadBuffers.MinimumBatch);
        shares.ForEach(s => s.Dispose());
    }

    [Fact]
    public void Disposing_a_share_twice_counts_it_out_once()
    {
        var buffers = Buffers();
        using var kept = buffers.Enter();
        var share = buffers.Enter();
        share.Dispose();
        share.Dispose();
        Assert.Equal(1, buffers.Active);
    }
}
