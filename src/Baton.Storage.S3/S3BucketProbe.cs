using Amazon.S3.Model;
using Baton.Storage.Health;

namespace Baton.Storage.S3;

/// <summary>Readiness of the S3 backend: listing at most one key below the prefix answers (the cheapest authenticated call that
/// proves the endpoint, the credentials and the bucket).</summary>
public sealed class S3BucketProbe(S3Connection s3) : IDependencyProbe
{
    public string Name => "storage";

    public Task ProbeAsync(CancellationToken cancellation) =>
        s3.CallAsync("readiness", client => client.ListObjectsV2Async(
            new ListObjectsV2Request { BucketName = s3.Bucket, Prefix = s3.Keys.Prefix, MaxKeys = 1 }, cancellation), cancellation);
}
