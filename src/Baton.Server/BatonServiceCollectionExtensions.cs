using Baton.Storage.Files;
using Baton.Storage.FileSystem.Files;
using Baton.Server.Auth;
using Baton.Server.Downloads;
using Baton.Server.Hosting;
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
        services.TryAddSingleton(sp => sp.GetRequiredService<BatonRoot>().Disk);
        services.TryAddSingleton<DiskFileSource>();
        services.TryAddSingleton<IFileSource>(sp => sp.GetRequiredService<DiskFileSource>());
        services.TryAddSingleton<IFileDigests, DiskFileDigests>();
        services.TryAddSingleton<IFileOwners, DiskFileOwners>();
        services.AddBatonAuth();
        services.AddBatonDownloads();
        services.AddBatonUploads();
        return services;
    }
}
