using Baton.Storage.Locking;

namespace Baton.Storage.Conformance;

/// <summary>What every upload locker must do: one holder per upload, a polite wait, a stop request, and giving up in time.
/// Lockers are built with short waits (<see cref="CreateLocker"/>) so the suite stays fast.</summary>
public abstract class UploadLockerConformance
{
    /// <summary>A locker (sharing nothing with earlier ones) with the given waits.</summary>
    protected abstract Task<IUploadLocker> CreateLocker(UploadLockOptions options);

    private Task<IUploadLocker> Locker(int waitMs, int takeoverMs) => CreateLocker(new UploadLockOptions
    {
        Wait = TimeSpan.FromMilliseconds(waitMs),
        TakeoverWait = TimeSpan.FromMilliseconds(takeoverMs),
    });

    [Fact]
    public async Task A_newcomer_waits_for_a_quick_holder_without_stopping_it()
    {
        var locks = await Locker(10_000, 10_000);
        var first = (await locks.AcquireAsync("a", default))!;
        var second = locks.AcquireAsync("a", default);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();

        await using var lease = await second;
        Assert.NotNull(lease);
        Assert.False(first.Stopping.IsCancellationRequested);
    }

    [Fact]
    public async Task A_busy_holder_is_asked_to_stop_and_the_newcomer_takes_over()
    {
        var locks = await Locker(50, 10_000);
        var first = (await locks.AcquireAsync("a", default))!;
        var released = first.Stopping.Register(() => first.DisposeAsync().AsTask().GetAwaiter().GetResult());

        await using var second = await locks.AcquireAsync("a", default);

        Assert.NotNull(second);
        Assert.True(first.Stopping.IsCancellationRequested);
        await released.DisposeAsync();
    }

    [Fact]
    public async Task A_holder_that_never_lets_go_makes_the_newcomer_give_up_and_other_uploads_are_free()
    {
        var locks = await Locker(20, 50);
        await using var first = await locks.AcquireAsync("a", default);

        Assert.Null(await locks.AcquireAsync("a", default));
        Assert.Null(await locks.TryAcquireAsync("a", default));
        await using var other = await locks.TryAcquireAsync("b", default);
        Assert.NotNull(other);
    }

    [Fact]
    public async Task A_released_lock_is_free_again_and_a_double_release_frees_nothing_else()
    {
        var locks = await Locker(20, 20);
        var first = (await locks.AcquireAsync("a", default))!;
        await first.DisposeAsync();
        await using var second = await locks.TryAcquireAsync("a", default);
        Assert.NotNull(second);

        await first.DisposeAsync();

        Assert.Null(await locks.TryAcquireAsync("a", default));
    }

    [Fact]
    public async Task Waiting_can_be_cancelled()
    {
        var locks = await Locker(10_000, 10_000);
        await using var first = await locks.AcquireAsync("a", default);
        using var cancel = new CancellationTokenSource();

        var waiting = locks.AcquireAsync("a", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
