using Baton.Cluster.Auth;
using Baton.Cluster.Hosting;
using Baton.Cluster.RateLimits;
using Baton.Storage.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Baton.Server.Cluster;

/// <summary>
/// Registers cluster mode's shared state (<c>Baton:Cluster:Postgres</c>): the database, schema migration and signing key at
/// start, tokens, rate windows, and PostgreSQL in <c>/readyz</c>. Everything is inert while the setting is empty.
/// </summary>
public static class ClusterServiceCollectionExtensions
{
    public static IServiceCollection AddBatonCluster(this IServiceCollection services, IConfiguration? baton = null)
    {
        var options = services.AddOptions<ClusterOptions>();
        if (baton is not null)
        {
            options.Bind(baton.GetSection(ClusterOptions.SectionName));
        }
        services.TryAddSingleton(sp => new ClusterDatabase(RequiredConnection(sp)));
        services.TryAddSingleton<SharedSigningKey>();
        services.TryAddSingleton<ClusterTokenTable>();
        services.TryAddSingleton<ClusterRateWindows>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ClusterStart>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyProbe, ClusterDatabaseProbe>());
        return services;
    }

    /// <summary>Whether the container's server is an instance of a cluster.</summary>
    public static bool IsCluster(this IServiceProvider services) => services.GetRequiredService<IOptions<ClusterOptions>>().Value.Enabled;

    private static string RequiredConnection(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ClusterOptions>>().Value is { Enabled: true } cluster
            ? cluster.Postgres!
            : throw new InvalidOperationException($"{ClusterOptions.PostgresSetting} is not set: this server is not in cluster mode.");

}
