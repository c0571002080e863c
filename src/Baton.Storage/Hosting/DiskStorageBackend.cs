using Baton.Storage.FileSystem;
using Baton.Storage.FileSystem.Files;
using Baton.Storage.Health;
using Baton.Storage.Locking;
using Baton.Storage.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Storage.Hosting;

/// <summary>
/// The disk backend (<c>Baton:Storage:Kind = disk</c>, the default): uploads staged in <c>ROOT/.baton/uploads</c>, served files,
/// digests and owners below the <see cref="DiskRoot"/> the host registers.
/// </summary>
public sealed class DiskStorageBackend : IStorageBackend
{
    public const string DiskKind = "disk";

    public string Kind => DiskKind;

    public StorageServices Create(IServiceProvider services)
    {
        var root = services.GetService<DiskRoot>()
            ?? throw new InvalidOperationException("The disk storage backend needs a DiskRoot registered by the host (Baton:Root).");
        return Create(root, services.GetRequiredService<IOptions<DiskStorageOptions>>().Value,
            services.GetRequiredService<IUploadLocker>(), services.GetService<UploadRetention>() ?? UploadRetention.Default,
            services.GetRequiredService<TimeProvider>(), services.GetService<BatonMetrics>());
    }

    /// <summary>The disk backend's services over <paramref name="root"/>, without a container (tests, tools).</summary>
    public static StorageServices Create(
        DiskRoot root, DiskStorageOptions options, IUploadLocker locker, UploadRetention retention, TimeProvider time,
        BatonMetrics? metrics = null)
    {
        var storeOptions = options.ToStoreOptions(Path.Combine(root.StatePath, "uploads"), retention.Expiration) with
        {
            Metrics = metrics ?? BatonMetrics.Unobserved,
        };
        var store = new FileUploadStore(storeOptions, locker, time)
        {
            SharedRoot = root,
        };
        var files = new DiskFileSource(root, time);
        return new StorageServices(store, files, new DiskFileDigests(root, files), new DiskFileOwners(root, files))
        {
            Contents = new DiskContentIndex(root),
            Probe = new DiskWriteProbe(root),
        };
    }
}
