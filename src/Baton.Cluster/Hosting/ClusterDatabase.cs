using Microsoft.Extensions.Options;
using Npgsql;

namespace Baton.Cluster.Hosting;

/// <summary>The instance's pooled connections to the cluster database (<see cref="ClusterOptions.Postgres"/>), one per host.</summary>
public sealed class ClusterDatabase(IOptions<ClusterOptions> options) : IAsyncDisposable, IDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(
        options.Value.Postgres ?? throw new InvalidOperationException($"{ClusterOptions.PostgresSetting} is not set.")));

    /// <summary>A database without a container (the CLI's token commands, tests).</summary>
    public ClusterDatabase(string connectionString) : this(Options.Create(new ClusterOptions { Postgres = connectionString }))
    {
    }

    public NpgsqlDataSource DataSource => _dataSource.Value;

    /// <summary>Runs <paramref name="call"/> on a pooled connection; an unreachable or restarting PostgreSQL becomes a
    /// <see cref="Baton.Storage.StorageUnavailableException"/> (503 + Retry-After).</summary>
    public Task<T> CallAsync<T>(string operation, Func<NpgsqlConnection, Task<T>> call, CancellationToken cancellation) =>
        Postgres.PostgresFaults.GuardAsync(operation, async () =>
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellation).ConfigureAwait(false);
            return await call(connection).ConfigureAwait(false);
        });

    public string ConnectionString => options.Value.Postgres!;

    // Both, so a container disposed synchronously (an embedding app) does not throw.
    public void Dispose()
    {
        if (_dataSource.IsValueCreated)
        {
            _dataSource.Value.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
        {
            await _dataSource.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
