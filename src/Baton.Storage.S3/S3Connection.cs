using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Baton.Storage.S3.Hosting;
using Baton.Storage.Telemetry;

namespace Baton.Storage.S3;

/// <summary>
/// One S3 client for one bucket, and the one place S3 faults become Baton's: unreachable, timed out, throttled or failing with a
/// 5xx → <see cref="StorageUnavailableException"/> (the server answers 503 + Retry-After). Messages name the operation, never a
/// credential. The bucket is created on first use when it does not exist.
/// </summary>
public sealed class S3Connection : IDisposable
{
    private readonly SemaphoreSlim _bucketCheck = new(1, 1);
    private volatile bool _bucketReady;

    private readonly BatonMetrics _metrics;

    public S3Connection(S3StorageOptions options, BatonMetrics? metrics = null)
    {
        _metrics = metrics ?? BatonMetrics.Unobserved;
        Options = options;
        Bucket = options.Bucket!;
        Keys = new S3Keys(options.Prefix);
        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            AuthenticationRegion = options.Region,
            ForcePathStyle = true,
            // Ceph RGW 16 (and R2, Garage) reject the CRC trailers newer SDKs add by default: checksums only where the API requires.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = options.Timeout,
            MaxErrorRetry = 2,
        };
        Client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public IAmazonS3 Client { get; }

    public string Bucket { get; }

    public S3Keys Keys { get; }

    public S3StorageOptions Options { get; }

    /// <summary>Runs one S3 call, the bucket made sure of first, faults translated.</summary>
    public async Task<T> CallAsync<T>(string operation, Func<IAmazonS3, Task<T>> call, CancellationToken cancellation)
    {
        await EnsureBucketAsync(cancellation).ConfigureAwait(false);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            var result = await TranslateAsync(operation, () => call(Client), cancellation).ConfigureAwait(false);
            failed = false;
            return result;
        }
        catch (AmazonS3Exception e) when (IsNotFound(e) || IsPreconditionFailed(e))
        {
            failed = false; // an answer, not a fault: the latency counts like any other
            throw;
        }
        finally
        {
            _metrics.StorageCall(S3StorageBackend.S3Kind, operation, started, failed);
        }
    }

    public Task CallAsync(string operation, Func<IAmazonS3, Task> call, CancellationToken cancellation) =>
        CallAsync<bool>(operation, async s3 =>
        {
            await call(s3).ConfigureAwait(false);
            return true;
        }, cancellation);

    /// <summary>As <see cref="CallAsync{T}"/>, null when the object (or upload) does not exist.</summary>
    public async Task<T?> FindAsync<T>(string operation, Func<IAmazonS3, Task<T>> call, CancellationToken cancellation) where T : class
    {
        try
        {
            return await CallAsync(operation, call, cancellation).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public static bool IsNotFound(AmazonS3Exception e) =>
        e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NoSuchUpload" or "NotFound";

    public static bool IsPreconditionFailed(AmazonS3Exception e) =>
        e.StatusCode == HttpStatusCode.PreconditionFailed || e.ErrorCode == "PreconditionFailed";

    private async Task EnsureBucketAsync(CancellationToken cancellation)
    {
        if (_bucketReady)
        {
            return;
        }
        await _bucketCheck.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (!_bucketReady)
            {
                await TranslateAsync("find bucket", async () =>
                {
                    try
                    {
                        await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, MaxKeys = 1 }, cancellation)
                            .ConfigureAwait(false);
                    }
                    catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
                    {
                        await CreateBucketAsync(cancellation).ConfigureAwait(false);
                    }
                    return true;
                }, cancellation).ConfigureAwait(false);
                _bucketReady = true;
            }
        }
        finally
        {
            _bucketCheck.Release();
        }
    }

    /// <summary>
    /// Creates the bucket through a client of its own whose connections are not pooled: Ceph RGW 16 leaves a connection that
    /// carried a bucket-level request (PUT or HEAD of the bucket) unusable, and the next request on it waits for the timeout.
    /// Only object-level requests travel on the shared pool.
    /// </summary>
    private async Task CreateBucketAsync(CancellationToken cancellation)
    {
        var config = (AmazonS3Config)Client.Config;
        using var once = new AmazonS3Client(new BasicAWSCredentials(Options.AccessKey, Options.SecretKey), new AmazonS3Config
        {
            ServiceURL = config.ServiceURL,
            AuthenticationRegion = config.AuthenticationRegion,
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = config.Timeout,
            CacheHttpClient = false,
        });
        try
        {
            await once.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, cancellation).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
    }

    private async Task<T> TranslateAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellation)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when ((int)e.StatusCode >= 500 || e.ErrorCode is "SlowDown" or "RequestTimeout")
        {
            throw Unavailable(operation, e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
            || e.ErrorCode is "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "NoSuchBucket")
        {
            // Misconfiguration (wrong keys, bucket removed): the storage is not available to this server.
            throw Unavailable(operation, e);
        }
        catch (Exception e) when (e is AmazonServiceException { StatusCode: 0 } or AmazonServiceException { StatusCode: >= (HttpStatusCode)500 }
            or AmazonClientException or HttpRequestException or IOException or System.Net.Sockets.SocketException or TimeoutException
            || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            // Refused, reset or timed out (the SDK reports these in several shapes, after its own retries).
            throw Unavailable(operation, e);
        }
    }

    private StorageUnavailableException Unavailable(string operation, Exception inner) =>
        // The inner exception stays for diagnostics; the message is what a log shows first and never holds credentials.
        new($"S3 storage did not answer ({operation}: {Describe(inner)}).", Options.RetryAfter, inner);

    private static string Describe(Exception e) => e switch
    {
        AmazonS3Exception s3 => $"{(int)s3.StatusCode} {s3.ErrorCode}",
        HttpRequestException http => http.HttpRequestError.ToString(),
        _ => e.GetType().Name,
    };

    public void Dispose()
    {
        Client.Dispose();
        _bucketCheck.Dispose();
    }
}
