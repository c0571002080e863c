using Baton.Storage.Locking;

namespace Baton.Storage.Tests.Locking;

public sealed class UploadLocksTests
{
    [Fact]
    public async Task A_newcomer_waits_for_a_quick_holder()
    {
        var locks = new UploadLocks(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        var first = await locks.AcquireAsync("a", default);
        var second = locks.AcquireAsync("a", default);
        Assert.False(second.IsCompleted);

        first!.Dispose();

        using var lease = await second;
        Assert.NotNull(lease);
        Assert.False(first.Stopping.IsCancellationRequested);
    }

    [Fact]
    public async Task A_newcomer_stops_a_holder_that_does_not_finish()
    {
        var locks = new UploadLocks(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10));
        var first = await locks.AcquireAsync("a", default);
        // The holder lets go when asked, as an append does after committing what it received.
        first!.Stopping.Register(first.Dispose);

        using var second = await locks.AcquireAsync("a", default);

        Assert.NotNull(second);
        Assert.True(first.Stopping.IsCancellationRequested);
    }

    [Fact]
    public async Task A_holder_that_never_lets_go_makes_the_newcomer_give_up()
    {
        var locks = new UploadLocks(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50));
        using var first = await locks.AcquireAsync("a", default);

        Assert.Null(await locks.AcquireAsync("a", default));
        Assert.Null(locks.TryAcquire("a"));
        using var other = locks.TryAcquire("b");
        Assert.NotNull(other);
    }
}
