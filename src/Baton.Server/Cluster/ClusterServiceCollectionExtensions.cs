using Baton.Cluster.Auth;
using Baton.Cluster.Hosting;
using Baton.Cluster.RateLimits;
using Baton.Storage.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Baton.Server.Cluster;

/// <summary>
/// Registers the shared auth state of cluster mode (<c>Baton:Cluster:Postgres</c>, bound and validated by
/// <c>AddBatonCluster</c>): the signing key loaded at start, tokens, rate windows, and PostgreSQL in <c>/readyz</c>. Everything is
/// inert while the setting is empty.
/// </summary>
public static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddBatonClusterAuth(this IServiceCollection services)
    {
        services.AddOptions<ClusterOptions>();
        services.TryAddSingleton<ClusterDatabase>();
        services.TryAddSingleton<SharedSigningKey>();
        services.TryAddSingleton<ClusterTokenTable>();
        services.TryAddSingleton<ClusterRateWindows>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ClusterStart>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyProbe, ClusterDatabaseProbe>());
        return services;
    }

    /// <summary>Whether the container's server is an instance of a cluster.</summary>
    public static bool IsCluster(this IServiceProvider services) => services.GetRequiredService<IOptions<ClusterOptions>>().Value.Enabled;

}
