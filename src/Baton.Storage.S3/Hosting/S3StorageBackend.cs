using Baton.Storage.FileSystem.Files;
using Baton.Storage.Hosting;
using Baton.Storage.Locking;
using Baton.Storage.Records;
using Baton.Storage.S3.Files;
using Baton.Storage.S3.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Storage.S3.Hosting;

/// <summary>
/// The S3 backend (<c>Baton:Storage:Kind = s3</c>): uploads as multipart uploads below <c>PREFIX.baton/uploads/</c>, served
/// files as the objects below the prefix, digests and owners in object metadata and <c>PREFIX.baton/owners/</c>.
/// </summary>
public sealed class S3StorageBackend : IStorageBackend
{
    public const string S3Kind = "s3";

    public string Kind => S3Kind;

    public StorageServices Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<S3StorageOptions>>().Value;
        // Start-up validation covers this already; a host that skipped it still never runs with bad settings.
        if (S3StorageOptionsValidator.Check(options) is { Count: > 0 } failures)
        {
            throw new OptionsValidationException(nameof(S3StorageOptions), typeof(S3StorageOptions), failures);
        }
        // The server names placement targets as full paths below its local root; they are turned back into relative names.
        var placementBase = services.GetService<DiskRoot>()?.FullPath;
        // Cluster mode registers shared records (PostgreSQL); alone, the records are objects beside the uploads.
        return Create(new S3Connection(options, services.GetService<Telemetry.BatonMetrics>()), services.GetRequiredService<IUploadLocker>(),
            services.GetService<UploadRetention>() ?? UploadRetention.Default, services.GetRequiredService<TimeProvider>(), placementBase,
            services.GetService<IUploadRecords>());
    }

    /// <summary>The S3 backend's services over <paramref name="s3"/>, without a container (tests, tools). Upload records are
    /// kept in <paramref name="records"/>, by default as objects in the bucket.</summary>
    public static StorageServices Create(S3Connection s3, IUploadLocker locker, UploadRetention retention, TimeProvider time,
        string? placementBase = null, IUploadRecords? records = null)
    {
        var digests = new S3FileDigests();
        var files = new S3FileSource(s3, digests);
        var store = new S3UploadStore(s3, locker, records ?? new S3ObjectUploadRecords(s3), time, digests,
            new S3UploadSettings(retention.Expiration, placementBase));
        return new StorageServices(store, files, digests, new S3FileOwners(s3, files))
        {
            Contents = new S3ContentIndex(s3),
            Probe = new S3BucketProbe(s3),
        };
    }
}
