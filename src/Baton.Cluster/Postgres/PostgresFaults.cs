using System.Net.Sockets;
using Baton.Storage;
using Npgsql;

namespace Baton.Cluster.Postgres;

/// <summary>
/// PostgreSQL being unreachable is a storage fault like S3 being unreachable: surfaced as <see cref="StorageUnavailableException"/>,
/// which the server answers with 503 + <c>Retry-After</c> (RFC 9110 §15.6.4). Nothing was acknowledged that the database does
/// not hold, and the next request simply tries again (Npgsql drops broken pooled connections), so service resumes by itself.
/// </summary>
internal static class PostgresFaults
{
    /// <summary>What a client is told to wait: a restarting PostgreSQL is usually back within seconds.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>Whether <paramref name="e"/> means "the database cannot be reached or is not taking work" rather than a bug:
    /// network and I/O failures, timeouts, and the SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention:
    /// shutting down, starting up).</summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal)
                               || p.SqlState.StartsWith("53", StringComparison.Ordinal)
                               || p.SqlState.StartsWith("57", StringComparison.Ordinal),
        NpgsqlException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>The fault to throw; the message names the operation and the cause, never the connection string.</summary>
    public static StorageUnavailableException Unavailable(string operation, Exception inner) =>
        new($"PostgreSQL did not answer ({operation}: {inner.GetType().Name}: {inner.Message}).", RetryAfter, inner);

    /// <summary>Runs <paramref name="call"/>, turning unavailability into <see cref="StorageUnavailableException"/>.</summary>
    public static async Task<T> GuardAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(operation, e);
        }
    }
}
