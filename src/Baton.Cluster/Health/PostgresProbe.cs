using Baton.Cluster.Hosting;
using Baton.Storage.Health;
using Npgsql;

namespace Baton.Cluster.Health;

/// <summary>Readiness of the shared database: <c>SELECT 1</c> on a pooled connection answers.</summary>
public sealed class PostgresProbe(ClusterDatabase database) : IDependencyProbe
{
    public string Name => "postgres";

    public Task ProbeAsync(CancellationToken cancellation) =>
        database.CallAsync("readiness", async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false);
        }, cancellation);
}
