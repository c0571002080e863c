using Baton.Cluster.RateLimits;

namespace Baton.Server.Auth;

/// <summary>
/// Per-caller windows of one minute shared by the cluster (<see cref="ClusterRateWindows"/>): one UPSERT per counted request, so
/// N per minute holds for all instances together. Windows that ended are pruned by each instance once a window.
/// </summary>
public sealed class ClusterRateCounter(ClusterRateWindows windows, TimeProvider time) : IRateCounter
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private long _lastPrune = long.MinValue;

    public async ValueTask<RateVerdict> CountAsync(string limit, string caller, int permitsPerWindow, CancellationToken cancellation)
    {
        var counted = await windows.CountAsync(limit, caller, Window, cancellation).ConfigureAwait(false);
        await PruneOncePerWindowAsync(cancellation).ConfigureAwait(false);
        return RateVerdict.From(counted.Requests, permitsPerWindow, counted.UntilWindowEnds);
    }

    private async Task PruneOncePerWindowAsync(CancellationToken cancellation)
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastPrune);
        if ((last != long.MinValue && time.GetElapsedTime(last, now) < Window) || Interlocked.CompareExchange(ref _lastPrune, now, last) != last)
        {
            return;
        }
        await windows.PruneAsync(2 * Window, cancellation).ConfigureAwait(false);
    }
}
