using Baton.Cluster.Auth;
using Baton.Cluster.Hosting;
using Baton.Cluster.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Cluster;

/// <summary>
/// In cluster mode, before the instance serves: brings the shared schema up to date (idempotent; instances starting together
/// migrate one after another) and loads the cluster's signing key, creating it if this is the first instance ever.
/// </summary>
public sealed partial class ClusterStart(IOptions<ClusterOptions> options, IServiceProvider services, ILogger<ClusterStart> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        var database = services.GetRequiredService<ClusterDatabase>();
        var applied = await new SchemaMigrator(database.DataSource).MigrateAsync(cancellationToken);
        LogMigrated(logger, applied.Count == 0 ? "none" : string.Join(", ", applied));
        await services.GetRequiredService<SharedSigningKey>().LoadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Cluster schema up to date (steps applied now: {Applied})")]
    private static partial void LogMigrated(ILogger logger, string applied);
}
