using System.Threading.RateLimiting;

namespace Baton.Server.Auth;

/// <summary>Per-caller fixed windows of one minute in this process (System.Threading.RateLimiting, the engine of ASP.NET Core's
/// rate limiter): one limit, so one partitioned limiter.</summary>
public sealed class InProcessRateCounter(int permitsPerMinute) : IRateCounter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(caller =>
        RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permitsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public ValueTask<RateVerdict> CountAsync(string limit, string caller, int permitsPerWindow, CancellationToken cancellation)
    {
        using var lease = _limiter.AttemptAcquire(caller);
        return ValueTask.FromResult(lease.IsAcquired
            ? new RateVerdict(true, TimeSpan.Zero)
            : new RateVerdict(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1)));
    }

    public void Dispose() => _limiter.Dispose();
}
