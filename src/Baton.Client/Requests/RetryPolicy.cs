using Baton.Client.Requests;
using Baton.Client.Transfers;
using Polly;
using Polly.Retry;

namespace Baton.Client.Requests;

/// <summary>
/// The one place the client retries: a Polly pipeline with exponential backoff and jitter on network errors, stalls and transient
/// statuses, and <see cref="RunAsync"/> that runs a step in it and turns "retries exhausted" into a one-line
/// <see cref="TransferException"/>. Protocol answers (404, a changed remote file, a bad digest) and a connection refused by a host
/// that never answered (see <see cref="RequestPipeline"/>) are <see cref="TransferException"/>s and are not retried.
/// </summary>
public static class RetryPolicy
{
    public static ResiliencePipeline Create(int retries, TimeSpan firstDelay, TimeProvider time, Action<string>? notice = null)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                // The same predicate that RunAsync uses to word "retries exhausted": one definition of transient.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    notice?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"retry {args.AttemptNumber + 1}/{retries} in {args.RetryDelay.TotalSeconds:0.0} s: {args.Outcome.Exception?.Message}"));
                    return default;
                },
            });
        }
        return builder.Build();
    }

    /// <summary>Runs <paramref name="step"/> in <paramref name="pipeline"/>; a transient failure left after the retries becomes a
    /// <see cref="TransferFailure.Network"/> <see cref="TransferException"/> naming <paramref name="url"/>.</summary>
    public static async Task<T> RunAsync<T>(ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> step, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async t => await step(t), cancellationToken);
        }
        catch (Exception e) when (IsTransient(e))
        {
            throw Exhausted(url, e);
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> is a failure the pipeline retries. A local path that cannot be created (missing folder, a
    /// virtual file system like /proc) is an IOException too, but retrying cannot fix it: it fails at once (issue 11 item 10).
    /// A bare <see cref="System.Net.Sockets.SocketException"/> (ENOTCONN when a proxy resets a connection nothing answers
    /// behind, seen in the fault trials) is a network failure like any other, not a local one.
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e is HttpRequestException or TimeoutException or TransientHttpException or System.Net.Sockets.SocketException
        || (e is IOException and not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException));

    /// <summary>Statuses that say "try again later" (RFC 9110 §15.5.9, §15.6; RFC 6585 §4). Not 507 (RFC 4918 §11.5): a full
    /// disk is not freed by a retry a few seconds later, and retrying it only hid the cause (issue 11 item 12).</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or (>= 500 and not InsufficientStorage);

    private const int InsufficientStorage = 507;

    public static TransferException Exhausted(Uri url, Exception e) =>
        new(TransferFailure.Network, $"{url}: giving up after retries: {e.Message}", e) { StatusCode = (e as TransientHttpException)?.StatusCode };
}
