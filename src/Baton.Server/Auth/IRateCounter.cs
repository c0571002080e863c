namespace Baton.Server.Auth;

/// <summary>Counts a caller's requests against a per-minute limit: in this process (<see cref="InProcessRateCounter"/>), or for the
/// whole cluster (<see cref="ClusterRateCounter"/>).</summary>
public interface IRateCounter
{
    /// <summary>Counts one request of <paramref name="caller"/> against <paramref name="limit"/> (at most
    /// <paramref name="permitsPerWindow"/> per window) and says whether it may go ahead.</summary>
    ValueTask<RateVerdict> CountAsync(string limit, string caller, int permitsPerWindow, CancellationToken cancellation);
}

/// <summary>Whether a counted request may go ahead, and if not, when to retry (RFC 6585 §4, Retry-After).</summary>
public readonly record struct RateVerdict(bool Allowed, TimeSpan RetryAfter)
{
    /// <summary>Pure: the <paramref name="requests"/>-th request of a window allowing <paramref name="permits"/>.</summary>
    public static RateVerdict From(int requests, int permits, TimeSpan untilWindowEnds) =>
        requests <= permits ? new(true, TimeSpan.Zero) : new(false, untilWindowEnds);
}
