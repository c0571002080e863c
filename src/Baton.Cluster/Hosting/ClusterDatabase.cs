using Microsoft.Extensions.Options;
using Npgsql;

namespace Baton.Cluster.Hosting;

/// <summary>The instance's pooled connections to the cluster database (<see cref="ClusterOptions.Postgres"/>), one per host.</summary>
public sealed class ClusterDatabase(IOptions<ClusterOptions> options) : IAsyncDisposable, IDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(
        options.Value.Postgres ?? throw new InvalidOperationException($"{ClusterOptions.PostgresSetting} is not set.")));

    public NpgsqlDataSource DataSource => _dataSource.Value;

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
