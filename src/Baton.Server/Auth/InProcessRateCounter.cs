using System.Threading.RateLimiting;

namespace Baton.Server.Auth;

/// <summary>Per-caller fixed windows of one minute in this process (System.Threading.RateLimiting, the engine of ASP.NET Core's
/// rate limiter): one partition per limit and caller, so one counter serves every limit, as <see cref="ClusterRateCounter"/> does.</summary>
public sealed class InProcessRateCounter : IRateCounter, IDisposable
{
    private readonly PartitionedRateLimiter<Partition> _limiter = PartitionedRateLimiter.Create<Partition, (string, string)>(key =>
        RateLimitPartition.GetFixedWindowLimiter((key.Limit, key.Caller), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, key.Permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public ValueTask<RateVerdict> CountAsync(string limit, string caller, int permitsPerWindow, CancellationToken cancellation)
    {
        using var lease = _limiter.AttemptAcquire(new Partition(limit, caller, permitsPerWindow));
        return ValueTask.FromResult(lease.IsAcquired
            ? new RateVerdict(true, TimeSpan.Zero)
            : new RateVerdict(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1)));
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>Which window a request counts in; the permits come along because a limit's size is the caller's to say.</summary>
    private readonly record struct Partition(string Limit, string Caller, int Permits);
}
