using System.Security.Cryptography;
using System.Text;
using Baton.Cluster.Postgres;
using Baton.Storage.Locking;
using Baton.Storage.Telemetry;
using Npgsql;

namespace Baton.Cluster.Locking;

/// <summary>
/// Upload locks shared by every instance on one PostgreSQL database: a session-level advisory lock held on a connection of its own
/// (unpooled, so the lock dies with the connection — a killed instance's locks are free as soon as PostgreSQL notices). A waiter
/// that gives up after <see cref="UploadLockOptions.Wait"/> sends a release request (NOTIFY on <see cref="ReleaseChannel"/>) which
/// the holder, listening on its lock connection, turns into <see cref="IUploadLease.Stopping"/>; then it waits
/// <see cref="UploadLockOptions.TakeoverWait"/> more. Same semantics as <see cref="InProcessUploadLocker"/>.
/// </summary>
public sealed class PostgresUploadLocker : IUploadLocker, IAsyncDisposable, IDisposable
{
    private readonly UploadLockOptions options;
    private readonly BatonMetrics metrics;
    private readonly NpgsqlDataSource notifications;
    private readonly NpgsqlDataSource locks;

    /// <param name="connectionString">The cluster database (<c>Baton:Cluster:Postgres</c>).</param>
    /// <param name="options">Wait and takeover bounds.</param>
    /// <param name="metrics">Where lock waits and release requests are counted (<c>baton.lock.*</c>).</param>
    public PostgresUploadLocker(string connectionString, UploadLockOptions options, BatonMetrics? metrics = null)
    {
        this.options = options;
        this.metrics = metrics ?? BatonMetrics.Unobserved;
        notifications = NpgsqlDataSource.Create(connectionString);
        // Unpooled: a pooled connection returned with its session lock would keep the lock alive after the lease ends; unpooled,
        // closing the lease's connection ends the session and with it the lock.
        locks = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
    }

    public void Dispose()
    {
        notifications.Dispose();
        locks.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await notifications.DisposeAsync().ConfigureAwait(false);
        await locks.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The channel release requests travel on; the payload is the lock key in decimal.</summary>
    public const string ReleaseChannel = "baton_upload_release";

    /// <summary>PostgreSQL unreachable: <see cref="Storage.StorageUnavailableException"/> (503 + Retry-After).</summary>
    public Task<IUploadLease?> AcquireAsync(string id, CancellationToken cancellation) =>
        PostgresFaults.GuardAsync("lock upload", () => LockAsync(id, cancellation));

    private async Task<IUploadLease?> LockAsync(string id, CancellationToken cancellation)
    {
        var key = KeyOf(id);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var connection = await OpenLockConnectionAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (!await LockWithinAsync(connection, key, options.Wait, cancellation).ConfigureAwait(false))
            {
                await RequestReleaseAsync(key, cancellation).ConfigureAwait(false);
                metrics.ReleaseRequested();
                if (!await LockWithinAsync(connection, key, options.TakeoverWait, cancellation).ConfigureAwait(false))
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    metrics.LockWaited(started, acquired: false);
                    return null;
                }
            }
            metrics.LockWaited(started, acquired: true);
            return await PostgresUploadLease.StartAsync(connection, key).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask<IUploadLease?> TryAcquireAsync(string id, CancellationToken cancellation) =>
        await PostgresFaults.GuardAsync("lock upload", () => TryLockAsync(id, cancellation)).ConfigureAwait(false);

    private async Task<IUploadLease?> TryLockAsync(string id, CancellationToken cancellation)
    {
        var key = KeyOf(id);
        var connection = await OpenLockConnectionAsync(cancellation).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            command.Parameters.AddWithValue(key);
            if ((bool)(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!)
            {
                return await PostgresUploadLease.StartAsync(connection, key).ConfigureAwait(false);
            }
            await connection.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Advisory locks live in the database, not here: nothing to forget.
    public void Forget(string id)
    {
    }

    /// <summary>The 64-bit advisory lock key of an upload id (first 8 bytes of its SHA-256; a collision only makes two uploads
    /// share a lock, never lets two holders in).</summary>
    internal static long KeyOf(string id) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(id)), 0);

    private ValueTask<NpgsqlConnection> OpenLockConnectionAsync(CancellationToken cancellation) =>
        locks.OpenConnectionAsync(cancellation);

    private static async Task<bool> LockWithinAsync(
        NpgsqlConnection connection, long key, TimeSpan limit, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(limit);
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection);
        command.Parameters.AddWithValue(key);
        try
        {
            await command.ExecuteNonQueryAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // Npgsql cancelled the wait on the server (57014); the connection stays usable.
            return false;
        }
    }

    private async Task RequestReleaseAsync(long key, CancellationToken cancellation)
    {
        await using var command = notifications.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.AddWithValue(ReleaseChannel);
        command.Parameters.AddWithValue(key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }
}
