using Polly;
using Polly.Retry;

namespace Baton.Client.Transfers;

/// <summary>
/// The Polly pipeline every transfer step runs in: exponential backoff with jitter on network errors, stalls and transient statuses.
/// Protocol answers (404, a changed remote file, a bad digest) are not retried — retrying cannot change them.
/// </summary>
public static class RetryPipelines
{
    public static ResiliencePipeline Create(int retries, TimeSpan firstDelay, TimeProvider time, Action<string>? notice = null)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutException>()
                    .Handle<TransientHttpException>(),
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

    /// <summary>Whether <paramref name="e"/> is a failure the pipeline retries.</summary>
    public static bool IsTransient(Exception e) =>
        e is HttpRequestException or IOException or TimeoutException or TransientHttpException;

    /// <summary>Statuses that say "try again later" (RFC 9110 §15.5.9, §15.6; RFC 6585 §4).</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;
}
