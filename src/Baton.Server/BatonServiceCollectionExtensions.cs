using Baton.Cluster.Hosting;
using Baton.Storage.Hosting;
using Baton.Server.Auth;
using Baton.Server.Cluster;
using Baton.Server.Downloads;
using Baton.Server.Hosting;
using Baton.Server.Operations;
using Baton.Server.Uploads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Baton.Server;

/// <summary>Registers Baton in any ASP.NET Core application; pair with <c>app.MapBaton()</c>.</summary>
public static class BatonServiceCollectionExtensions
{
    /// <summary>Adds Baton with options bound from <paramref name="section"/> (usually <c>Configuration.GetSection("Baton")</c>).</summary>
    public static IServiceCollection AddBaton(this IServiceCollection services, IConfiguration section, Action<BatonOptions>? configure = null)
    {
        services.AddOptions<BatonOptions>().Bind(section);
        // Cluster mode (Baton:Cluster:Postgres) first: its schema must be migrated before the server's start-up work reads it.
        services.AddBatonCluster(section);
        services.AddBatonStorage(section);
        return services.AddBaton(configure);
    }

    /// <summary>Adds Baton, configured in code.</summary>
    public static IServiceCollection AddBaton(this IServiceCollection services, Action<BatonOptions>? configure = null)
    {
        var builder = services.AddOptions<BatonOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BatonOptions>, BatonOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BatonRoot>();
        // The disk backend serves Baton:Root; uploads expire by the upload protocol's policy (what Upload-Expires advertises).
        services.TryAddSingleton(sp => sp.GetRequiredService<BatonRoot>().Disk);
        services.TryAddSingleton(sp => new UploadRetention(
            sp.GetRequiredService<IOptions<BatonOptions>>().Value.Uploads.Expiration is var e && e > TimeSpan.Zero ? e : null));
        services.AddBatonStorage();
        services.AddBatonClusterAuth();
        services.AddBatonAuth();
        services.AddBatonDownloads();
        services.AddBatonUploads();
        services.AddBatonMetrics();
        services.TryAddSingleton<InstanceIdentity>();
        // Every log record carries the instance id (the logger factory takes its scope provider from the container).
        services.TryAddSingleton<Microsoft.Extensions.Logging.IExternalScopeProvider, InstanceLogScope>();
        return services;
    }
}
