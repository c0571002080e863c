using Baton.Cluster.Auth;
using Baton.Cluster.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Cluster;

/// <summary>
/// In cluster mode, before the instance serves (after <c>ClusterSchemaService</c> migrated the schema): loads the cluster's
/// signing key, creating it if this is the first instance ever, so the first link checked does not wait for the database.
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
        await services.GetRequiredService<SharedSigningKey>().LoadAsync(cancellationToken);
        LogKeyLoaded(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 70, Level = LogLevel.Debug, Message = "Cluster signing key loaded")]
    private static partial void LogKeyLoaded(ILogger logger);
}
