using Baton.Client.Transfers;

namespace Baton.Cli.Output;

/// <summary>Admits a progress report at most once per <paramref name="interval"/>, and always on a phase change. Callers
/// serialise their calls (they hold the lock that also orders their output).</summary>
internal sealed class ProgressThrottle(TimeProvider time, TimeSpan interval)
{
    private long _last = long.MinValue;
    private TransferPhase? _phase;

    public bool Admit(TransferPhase phase)
    {
        var now = time.GetTimestamp();
        if (_last != long.MinValue && time.GetElapsedTime(_last, now) < interval && _phase == phase)
        {
            return false;
        }
        _last = now;
        _phase = phase;
        return true;
    }
}
