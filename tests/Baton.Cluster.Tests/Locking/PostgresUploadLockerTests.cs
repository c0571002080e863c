using System.Diagnostics;
using Baton.Cluster.Locking;
using Baton.Cluster.Tests.Postgres;
using Baton.Storage.Locking;
using Npgsql;

namespace Baton.Cluster.Tests.Locking;

/// <summary>Two lockers, each with its own connections, stand for two instances sharing one real PostgreSQL.</summary>
public sealed class PostgresUploadLockerTests
{
    private static readonly UploadLockOptions Quick = new() { Wait = TimeSpan.FromMilliseconds(300), TakeoverWait = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task A_held_lock_excludes_the_other_instance_until_released()
    {
        var id = Upload();
        await using var a = new PostgresUploadLocker(await TestDatabase.CreateIsolatedConnectionStringAsync(), Quick);
        await using var b = new PostgresUploadLocker(await TestDatabase.CreateIsolatedConnectionStringAsync(), Quick);

        var held = await a.TryAcquireAsync(id, CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await b.TryAcquireAsync(id, CancellationToken.None));
        var unrelated = await b.TryAcquireAsync(Upload(), CancellationToken.None);
        Assert.NotNull(unrelated);

        await held.DisposeAsync();
        var after = await b.TryAcquireAsync(id, CancellationToken.None);
        Assert.NotNull(after);
        await after.DisposeAsync();
        await unrelated.DisposeAsync();
    }

    [Fact]
    public async Task A_waiter_on_another_instance_asks_the_holder_to_let_go_and_gets_the_lock_within_the_bound()
    {
        var id = Upload();
        await using var a = new PostgresUploadLocker(await TestDatabase.CreateIsolatedConnectionStringAsync(), Quick);
        await using var b = new PostgresUploadLocker(await TestDatabase.CreateIsolatedConnectionStringAsync(), Quick);
        var holder = await a.AcquireAsync(id, CancellationToken.None);
        Assert.NotNull(holder);
        // The holder behaves like a PATCH: it lets go once asked (the real signal is Stopping firing).
        var letGo = Task.Run(async () =>
        {
            await WhenCancelledAsync(holder.Stopping);
            await holder.DisposeAsync();
        });

        var clock = Stopwatch.StartNew();
        var taken = await b.AcquireAsync(id, CancellationToken.None);
        clock.Stop();

        Assert.NotNull(taken);
        await letGo;
        // Bounded: Wait, then the release round trip (NOTIFY → holder → unlock), far below Wait + TakeoverWait.
        Assert.InRange(clock.Elapsed, Quick.Wait, Quick.Wait + TimeSpan.FromSeconds(2));
        await taken.DisposeAsync();
    }

    [Fact]
    public async Task A_holder_that_does_not_let_go_keeps_the_lock_and_the_waiter_gets_null_after_the_takeover_wait()
    {
        var id = Upload();
        var options = new UploadLockOptions { Wait = TimeSpan.FromMilliseconds(200), TakeoverWait = TimeSpan.FromMilliseconds(400) };
        await using var a = new PostgresUploadLocker(await TestDatabase.CreateIsolatedConnectionStringAsync(), options);
        await using var b = new PostgresUploadLocker(await TestDatabase.CreateIsolatedConnectionStringAsync(), options);
        await using var holder = await a.AcquireAsync(id, CancellationToken.None);
        Assert.NotNull(holder);

        var clock = Stopwatch.StartNew();
        var taken = await b.AcquireAsync(id, CancellationToken.None);

        Assert.Null(taken);
        Assert.True(holder.Stopping.IsCancellationRequested);
        Assert.InRange(clock.Elapsed, options.Wait + options.TakeoverWait, TimeSpan.FromSeconds(3));
        Assert.Null(await b.TryAcquireAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_killed_holders_lock_is_free_without_a_release_request_and_the_holder_learns_it_lost_it()
    {
        var id = Upload();
        var instanceA = "instance-a-" + Guid.NewGuid().ToString("N")[..8];
        var options = new UploadLockOptions { Wait = TimeSpan.FromSeconds(5), TakeoverWait = TimeSpan.Zero };
        await using var a = new PostgresUploadLocker(await TestDatabase.CreateIsolatedConnectionStringAsync(instanceA), options);
        var bConnection = await TestDatabase.CreateIsolatedConnectionStringAsync();
        await using var b = new PostgresUploadLocker(bConnection, options);
        var holder = await a.AcquireAsync(id, CancellationToken.None);
        Assert.NotNull(holder);

        // Instance A dies: its lock connection is gone (as when the process is killed and the kernel closes its socket).
        await using (var admin = NpgsqlDataSource.Create(bConnection))
        await using (var kill = admin.CreateCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1"))
        {
            kill.Parameters.AddWithValue(instanceA);
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        var clock = Stopwatch.StartNew();
        var taken = await b.AcquireAsync(id, CancellationToken.None);
        Assert.NotNull(taken);
        Assert.True(clock.Elapsed < options.Wait, "taken within the first wait, i.e. without any release request");
        await WhenCancelledAsync(holder.Stopping);
        await holder.DisposeAsync();
        await taken.DisposeAsync();
    }

    [Fact]
    public async Task Ten_racers_on_two_instances_hold_the_lock_one_at_a_time()
    {
        var id = Upload();
        await using var a = new PostgresUploadLocker(await TestDatabase.CreateIsolatedConnectionStringAsync(), Quick);
        await using var b = new PostgresUploadLocker(await TestDatabase.CreateIsolatedConnectionStringAsync(), Quick);
        var lockers = new[] { a, b };
        var inside = 0;
        var overlaps = 0;

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            var lease = await lockers[i % 2].AcquireAsync(id, CancellationToken.None);
            Assert.NotNull(lease);
            if (Interlocked.Increment(ref inside) != 1)
            {
                Interlocked.Increment(ref overlaps);
            }
            await Task.Yield();
            Interlocked.Decrement(ref inside);
            await lease.DisposeAsync();
        })));

        Assert.Equal(0, overlaps);
    }

    // Advisory locks are per database, not per schema: distinct upload ids per test keep parallel tests apart.
    private static string Upload() => "upload-" + Guid.NewGuid().ToString("N");

    private static async Task WhenCancelledAsync(CancellationToken token)
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = token.Register(() => fired.TrySetResult());
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
