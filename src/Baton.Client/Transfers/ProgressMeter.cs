namespace Baton.Client.Transfers;

/// <summary>Turns a byte counter into progress snapshots with a smoothed speed (exponential moving average over samples).</summary>
public sealed class ProgressMeter
{
    private readonly TimeProvider _time;
    private long _lastBytes;
    private long _lastTimestamp;
    private double _speed;

    public ProgressMeter(TimeProvider time, long initialBytes)
    {
        _time = time;
        _lastBytes = initialBytes;
        _lastTimestamp = time.GetTimestamp();
    }

    public double Sample(long bytes)
    {
        var now = _time.GetTimestamp();
        var seconds = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        if (seconds >= 0.2)
        {
            var instant = (bytes - _lastBytes) / seconds;
            _speed = _speed == 0 ? instant : (0.7 * _speed) + (0.3 * instant);
            _lastBytes = bytes;
            _lastTimestamp = now;
        }
        return _speed;
    }
}
