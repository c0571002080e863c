using Baton.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Baton.Cluster.Hosting;

/// <summary>
/// The shared database of a cluster: the instance's pooled connections (<see cref="ClusterOptions.Postgres"/>), and the one place
/// PostgreSQL faults become Baton's — an unreachable or restarting server is a <see cref="StorageUnavailableException"/>
/// (503 + Retry-After), never a 500.
/// </summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    /// <summary>What clients are told to wait while PostgreSQL does not answer (a restart takes a few seconds).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly Lazy<NpgsqlDataSource> _dataSource;

    public ClusterDatabase(IOptions<ClusterOptions> options)
    {
        ConnectionString = options.Value.Postgres ?? "";
        _dataSource = new(() => NpgsqlDataSource.Create(
            ConnectionString.Length > 0 ? ConnectionString : throw new InvalidOperationException($"{ClusterOptions.PostgresSetting} is not set.")));
    }

    public ClusterDatabase(string connectionString) : this(Options.Create(new ClusterOptions { Postgres = connectionString }))
    {
    }

    public NpgsqlDataSource DataSource => _dataSource.Value;

    public string ConnectionString { get; }

    /// <summary>Runs <paramref name="call"/> on a pooled connection, faults translated.</summary>
    public async Task<T> CallAsync<T>(string operation, Func<NpgsqlConnection, Task<T>> call, CancellationToken cancellation)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellation).ConfigureAwait(false);
            return await call(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e, cancellation))
        {
            throw new StorageUnavailableException($"PostgreSQL did not answer ({operation}: {Describe(e)}).", RetryAfter, e);
        }
    }

    /// <summary>Connection refused, reset, the server shutting down or in recovery, or a timeout — not a bug in a statement.</summary>
    public static bool IsUnavailable(Exception e, CancellationToken cancellation) => e switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) // admin shutdown, cannot connect now
                                || pg.SqlState.StartsWith("08", StringComparison.Ordinal),              // connection exception
        NpgsqlException => true, // I/O and timeouts (Npgsql wraps socket errors)
        TimeoutException or IOException or System.Net.Sockets.SocketException => true,
        OperationCanceledException => !cancellation.IsCancellationRequested,
        _ => false,
    };

    private static string Describe(Exception e) => e is PostgresException pg ? pg.SqlState : e.GetType().Name;

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
        {
            await _dataSource.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
