namespace Baton.Testing;

/// <summary>
/// A clock the test moves by hand for both wall time and timestamps (rates, intervals, Spectre progress). Unlike
/// <see cref="ManualTimeProvider"/>, whose timestamps stay real so servers built on it keep working, nothing here moves by itself.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    public void Advance(TimeSpan by) => _now += by;
}
