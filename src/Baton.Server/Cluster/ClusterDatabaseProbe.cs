using Baton.Cluster.Health;
using Baton.Cluster.Hosting;
using Baton.Storage.Health;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Cluster;

/// <summary>PostgreSQL in <c>/readyz</c> when in cluster mode (<see cref="PostgresProbe"/>); always answering otherwise.</summary>
public sealed class ClusterDatabaseProbe(IServiceProvider services) : IDependencyProbe
{
    public string Name => "postgres";

    public Task ProbeAsync(CancellationToken cancellation) => services.IsCluster()
        ? new PostgresProbe(services.GetRequiredService<ClusterDatabase>()).ProbeAsync(cancellation)
        : Task.CompletedTask;
}
