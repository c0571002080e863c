using Baton.Cluster.Postgres;
using Baton.Cluster.Schema;
using Microsoft.Extensions.Hosting;

namespace Baton.Cluster.Hosting;

/// <summary>
/// Brings the database to the newest schema when the host starts — registered before the server's own start-up work (the recovery
/// of interrupted completions reads upload records), and failing the start when PostgreSQL cannot be reached.
/// </summary>
public sealed class ClusterSchemaService(ClusterDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        PostgresFaults.GuardAsync("migrate schema", () => new SchemaMigrator(database.DataSource).MigrateAsync(cancellationToken));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
