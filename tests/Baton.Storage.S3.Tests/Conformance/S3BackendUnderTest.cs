using Amazon.S3.Model;
using Baton.Storage.Conformance;
using Baton.Storage.Hosting;
using Baton.Storage.Locking;
using Baton.Storage.S3.Hosting;
using Baton.Testing;

namespace Baton.Storage.S3.Tests.Conformance;

/// <summary>The S3 backend on the run's RGW, below a fresh prefix of its own; files are seeded with plain PutObject.</summary>
public sealed class S3BackendUnderTest : BackendUnderTest
{
    private readonly S3StorageOptions _options;
    private readonly List<S3Connection> _connections = [];
    private StorageServices _services;

    public S3BackendUnderTest(RgwEngine engine, Action<S3StorageOptions>? configure = null)
    {
        _options = engine.Options();
        configure?.Invoke(_options);
        _services = Create();
    }

    public S3StorageOptions Options => _options;

    /// <summary>A connection for the test's own S3 calls (seeding, inspecting).</summary>
    public S3Connection Raw => _connections[0];

    public override StorageServices Services => _services;

    public override IUploadLocker Locker { get; } =
        new InProcessUploadLocker(new UploadLockOptions { Wait = TimeSpan.FromMilliseconds(200), TakeoverWait = TimeSpan.FromSeconds(5) });

    public override Task WriteFileAsync(string name, byte[] content) =>
        Raw.CallAsync("seed", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Raw.Bucket,
            Key = Raw.Keys.Prefix + name,
            InputStream = new MemoryStream(content),
        }), default);

    public override Task CreateFolderAsync(string name) =>
        Raw.CallAsync("seed", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Raw.Bucket,
            Key = Raw.Keys.Prefix + name.TrimEnd('/') + "/",
            ContentBody = "",
        }), default);

    public override string PlacementTarget(string name) => name;

    public override Task<StorageServices> RestartAsync()
    {
        (_services.Uploads as IDisposable)?.Dispose();
        _services = Create();
        return Task.FromResult(_services);
    }

    /// <summary>Every key below this backend's prefix.</summary>
    public async Task<List<string>> KeysAsync()
    {
        var listed = await Raw.CallAsync("list", c => c.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = Raw.Bucket,
            Prefix = Raw.Keys.Prefix,
        }), default);
        return (listed.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    public override async ValueTask DisposeAsync()
    {
        (_services.Uploads as IDisposable)?.Dispose();
        try
        {
            var uploads = await Raw.CallAsync("list", c => c.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
            {
                BucketName = Raw.Bucket,
                Prefix = Raw.Keys.Prefix,
            }), default);
            foreach (var upload in uploads.MultipartUploads ?? [])
            {
                await Raw.CallAsync("abort", c => c.AbortMultipartUploadAsync(Raw.Bucket, upload.Key, upload.UploadId), default);
            }
            foreach (var key in await KeysAsync())
            {
                await Raw.CallAsync("delete", c => c.DeleteObjectAsync(Raw.Bucket, key), default);
            }
        }
        catch (StorageUnavailableException)
        {
            // A test that stopped the engine: nothing left to clean.
        }
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }

    private StorageServices Create()
    {
        var connection = new S3Connection(_options);
        _connections.Add(connection);
        return S3StorageBackend.Create(connection, Locker, new UploadRetention(Expiration), TimeProvider.System);
    }
}
