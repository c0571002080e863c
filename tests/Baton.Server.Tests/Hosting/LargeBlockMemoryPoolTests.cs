using Baton.Server.Hosting;

namespace Baton.Server.Tests.Hosting;

public sealed class LargeBlockMemoryPoolTests
{
    private const int Large = 64 * 1024;

    [Fact]
    public void Few_rents_get_large_blocks()
    {
        using var pool = new LargeBlockMemoryPool(Large);
        using var block = pool.Rent(4096);
        Assert.Equal(Large, block.Memory.Length);
        Assert.Equal(1, pool.LargeInUse);
    }

    [Fact]
    public void Past_the_bound_rents_that_fit_a_small_block_get_one()
    {
        using var pool = new LargeBlockMemoryPool(Large);
        var large = Enumerable.Range(0, LargeBlockMemoryPool.LargeBlocksInUse).Select(_ => pool.Rent(4096)).ToList();
        Assert.All(large, b => Assert.Equal(Large, b.Memory.Length));

        using (var small = pool.Rent(4096))
        {
            Assert.Equal(LargeBlockMemoryPool.SmallBlockSize, small.Memory.Length);
        }
        using (var needsLarge = pool.Rent(LargeBlockMemoryPool.SmallBlockSize + 1))
        {
            Assert.Equal(Large, needsLarge.Memory.Length); // only a large block fits: given over the bound
            Assert.Equal(LargeBlockMemoryPool.LargeBlocksInUse + 1, pool.LargeInUse);
        }

        large[0].Dispose();
        using var again = pool.Rent(4096);
        Assert.Equal(Large, again.Memory.Length); // a returned large block frees its slot
        large.Skip(1).ToList().ForEach(b => b.Dispose());
        Assert.Equal(1, pool.LargeInUse);
    }

    [Fact]
    public void Pools_of_one_factory_share_the_bound()
    {
        var factory = new LargeBlockMemoryPoolFactory(Large);
        using var first = (LargeBlockMemoryPool)factory.Create();
        using var second = (LargeBlockMemoryPool)factory.Create();
        var large = Enumerable.Range(0, LargeBlockMemoryPool.LargeBlocksInUse).Select(_ => first.Rent(4096)).ToList();
        using (var small = second.Rent(4096))
        {
            Assert.Equal(LargeBlockMemoryPool.SmallBlockSize, small.Memory.Length);
        }
        large.ForEach(b => b.Dispose());
        using var again = second.Rent(4096);
        Assert.Equal(Large, again.Memory.Length);
    }

    [Fact]
    public void Returned_blocks_are_reused()
    {
        using var pool = new LargeBlockMemoryPool(Large);
        var first = pool.Rent();
        var memory = first.Memory;
        first.Dispose();
        using var second = pool.Rent();
        Assert.True(memory.Span == second.Memory.Span);
    }

    [Fact]
    public void A_lease_returns_its_block_once()
    {
        using var pool = new LargeBlockMemoryPool(Large);
        var lease = pool.Rent();
        lease.Dispose();
        lease.Dispose();
        Assert.Equal(0, pool.LargeInUse);
        Assert.Throws<ObjectDisposedException>(() => lease.Memory);
    }

    [Fact]
    public void A_pool_of_small_blocks_gives_only_its_own_size()
    {
        using var pool = new LargeBlockMemoryPool(8 * 1024);
        var blocks = Enumerable.Range(0, LargeBlockMemoryPool.LargeBlocksInUse + 8).Select(_ => pool.Rent()).ToList();
        Assert.All(blocks, b => Assert.Equal(8 * 1024, b.Memory.Length));
        blocks.ForEach(b => b.Dispose());
    }

    [Fact]
    public void Rents_above_the_block_size_are_refused()
    {
        using var pool = new LargeBlockMemoryPool(Large);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(Large + 1));
    }
}
