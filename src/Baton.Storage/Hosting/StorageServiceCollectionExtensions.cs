using System.Globalization;
using Baton.Storage.Files;
using Baton.Storage.Health;
using System.Diagnostics.Metrics;
using Baton.Storage.Locking;
using Baton.Storage.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Baton.Storage.Hosting;

/// <summary>Registers the storage seam: the backend chosen by <c>Baton:Storage:Kind</c> and the services it provides.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds storage with options bound from <paramref name="baton"/> (the <c>Baton</c> section; null when configured in code).
    /// Services an application registered first (its own <see cref="IUploadStore"/>, <see cref="IFileSource"/>…) are kept.
    /// </summary>
    public static IServiceCollection AddBatonStorage(this IServiceCollection services, IConfiguration? baton = null)
    {
        var storage = services.AddOptions<StorageOptions>();
        var disk = services.AddOptions<DiskStorageOptions>();
        var locks = services.AddOptions<UploadLockOptions>();
        if (baton is not null)
        {
            storage.Bind(baton.GetSection(StorageOptions.SectionName));
            // Keys of earlier versions first (Baton:Uploads:Durability, :CheckpointBytes, :LockWait, :LockTakeoverWait), so the
            // new keys under Baton:Storage win where both are set.
            disk.Bind(baton.GetSection("Uploads")).Bind(baton.GetSection(DiskStorageOptions.SectionName));
            locks.Configure(o => ReadLegacyLockKeys(baton, o)).Bind(baton.GetSection("Storage:Locks"));
        }
        storage.ValidateOnStart();
        disk.ValidateOnStart();
        locks.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiskStorageOptions>, DiskStorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UploadLockOptions>, UploadLockOptionsValidator>());
        services.AddBatonStorageBackend<DiskStorageBackend>();

        services.TryAddSingleton(TimeProvider.System);
        // One set of instruments per container (its IMeterFactory keeps two servers in one process apart).
        services.TryAddSingleton(sp => sp.GetService<IMeterFactory>() is { } meters ? new BatonMetrics(meters) : BatonMetrics.Unobserved);
        services.TryAddSingleton<IUploadLocker>(sp => new InProcessUploadLocker(
            sp.GetRequiredService<IOptions<UploadLockOptions>>().Value, sp.GetRequiredService<BatonMetrics>()));
        services.TryAddSingleton(Select);
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageServices>().Uploads);
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageServices>().Files);
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageServices>().Digests);
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageServices>().Owners);
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageServices>().Contents);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDependencyProbe, StorageProbe>());
        return services;
    }

    /// <summary>Makes a backend selectable by its <see cref="IStorageBackend.Kind"/>.</summary>
    public static IServiceCollection AddBatonStorageBackend<T>(this IServiceCollection services) where T : class, IStorageBackend
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageBackend, T>());
        return services;
    }

    private static StorageServices Select(IServiceProvider services)
    {
        // Reading the options runs the validator, so an unknown kind fails here too when start-up validation was skipped.
        var kind = services.GetRequiredService<IOptions<StorageOptions>>().Value.Kind;
        var backend = services.GetServices<IStorageBackend>().LastOrDefault(b => string.Equals(b.Kind, kind, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"{StorageOptions.KindSetting} = '{kind}' is not a storage backend of this server.");
        return backend.Create(services);
    }

    private static void ReadLegacyLockKeys(IConfiguration baton, UploadLockOptions options)
    {
        options.Wait = LegacyTimeSpan(baton, "Uploads:LockWait") ?? options.Wait;
        options.TakeoverWait = LegacyTimeSpan(baton, "Uploads:LockTakeoverWait") ?? options.TakeoverWait;
    }

    private static TimeSpan? LegacyTimeSpan(IConfiguration baton, string key) => baton[key] switch
    {
        null => null,
        var text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) => value,
        var text => throw new InvalidOperationException($"Baton:{key} is not a time span (hh:mm:ss): '{text}'."),
    };
}
