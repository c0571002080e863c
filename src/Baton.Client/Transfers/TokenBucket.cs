namespace Baton.Client.Transfers;

/// <summary>
/// A token bucket shared by every connection of a transfer so that <c>--limit-rate</c> caps the whole transfer, not each connection.
/// Takers may overdraw the bucket; they then wait until the refill has paid the debt, which keeps the long-run rate exact
/// without splitting reads. The burst is a quarter of a second's worth of bytes.
/// </summary>
public sealed class TokenBucket
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly double _bytesPerSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(long bytesPerSecond, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bytesPerSecond, 0);
        _time = time ?? TimeProvider.System;
        _bytesPerSecond = bytesPerSecond;
        _capacity = Math.Max(bytesPerSecond / 4.0, 16 * 1024);
        _tokens = _capacity;
        _lastRefill = _time.GetTimestamp();
    }

    /// <summary>Takes <paramref name="bytes"/> tokens, waiting as long as the rate requires.</summary>
    public ValueTask TakeAsync(int bytes, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_lastRefill, now).TotalSeconds * _bytesPerSecond));
            _lastRefill = now;
            _tokens -= bytes;
            if (_tokens >= 0)
            {
                return ValueTask.CompletedTask;
            }
            wait = TimeSpan.FromSeconds(-_tokens / _bytesPerSecond);
        }
        return new ValueTask(Task.Delay(wait, _time, cancellationToken));
    }
}
