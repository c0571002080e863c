using System.Globalization;
using Baton.Storage.Locking;
using Npgsql;

namespace Baton.Cluster.Locking;

/// <summary>
/// A held advisory lock and its connection. While held, the connection LISTENs for release requests; a request for this key, or
/// the connection dying (the lock is then lost), fires <see cref="Stopping"/>. Disposing unlocks and closes the connection.
/// </summary>
internal sealed class PostgresUploadLease : IUploadLease
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _listening = new();
    private Task _listener = Task.CompletedTask;
    private int _released;

    private PostgresUploadLease(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
        Stopping = _stop.Token;
    }

    public CancellationToken Stopping { get; }

    public static async Task<PostgresUploadLease> StartAsync(NpgsqlConnection connection, long key)
    {
        var lease = new PostgresUploadLease(connection, key);
        await using (var listen = new NpgsqlCommand("LISTEN " + PostgresUploadLocker.ReleaseChannel, connection))
        {
            await listen.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        connection.Notification += lease.OnNotification;
        lease._listener = lease.ListenAsync();
        return lease;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }
        await _listening.CancelAsync().ConfigureAwait(false);
        await _listener.ConfigureAwait(false);
        _connection.Notification -= OnNotification;
        // Closing the unpooled connection ends the session and with it the lock; the explicit unlock only makes that immediate
        // on the server rather than when it processes the disconnect.
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", _connection);
            unlock.Parameters.AddWithValue(_key);
            await unlock.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is already gone, and the lock with it.
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _listening.Dispose();
    }

    private async Task ListenAsync()
    {
        try
        {
            while (true)
            {
                await _connection.WaitAsync(_listening.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_listening.IsCancellationRequested)
        {
            // Released.
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // The connection died: the lock is no longer ours, so the holder must stop at once.
            await _stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == PostgresUploadLocker.ReleaseChannel
            && e.Payload == _key.ToString(CultureInfo.InvariantCulture))
        {
            _stop.Cancel();
        }
    }
}
