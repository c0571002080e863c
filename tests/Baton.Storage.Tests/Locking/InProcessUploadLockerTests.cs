using Baton.Storage.Locking;

namespace Baton.Storage.Tests.Locking;

public sealed class InProcessUploadLockerTests
{
    private static InProcessUploadLocker Locker(TimeSpan wait, TimeSpan takeover) =>
        new(new UploadLockOptions { Wait = wait, TakeoverWait = takeover });

    [Fact]
    public async Task A_newcomer_waits_for_a_quick_holder()
    {
        var locks = Locker(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        var first = await locks.AcquireAsync("a", default);
        var second = locks.AcquireAsync("a", default);
        Assert.False(second.IsCompleted);

        await first!.DisposeAsync();

        await using var lease = await second;
        Assert.NotNull(lease);
        Assert.False(first.Stopping.IsCancellationRequested);
    }

    [Fact]
    public async Task A_newcomer_stops_a_holder_that_does_not_finish()
    {
        var locks = Locker(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10));
        var first = await locks.AcquireAsync("a", default);
        // The holder lets go when asked, as an append does after committing what it received.
        first!.Stopping.Register(() => first.DisposeAsync().AsTask().GetAwaiter().GetResult());

        await using var second = await locks.AcquireAsync("a", default);

        Assert.NotNull(second);
        Assert.True(first.Stopping.IsCancellationRequested);
    }

    [Fact]
    public async Task A_holder_that_never_lets_go_makes_the_newcomer_give_up()
    {
        var locks = Locker(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50));
        await using var first = await locks.AcquireAsync("a", default);

        Assert.Null(await locks.AcquireAsync("a", default));
        Assert.Null(await locks.TryAcquireAsync("a", default));
        await using var other = await locks.TryAcquireAsync("b", default);
        Assert.NotNull(other);
    }

    [Fact]
    public async Task Disposing_a_lease_twice_releases_once()
    {
        var locks = Locker(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20));
        var first = await locks.AcquireAsync("a", default);
        await first!.DisposeAsync();
        await using var second = await locks.AcquireAsync("a", default);

        await first.DisposeAsync(); // must not free the lock second now holds

        Assert.Null(await locks.TryAcquireAsync("a", default));
    }
}
