using Baton.Client.Transfers;
using Baton.Testing;

namespace Baton.Client.Tests.Transfers;

/// <summary>Issue 11 item 9: after a resume, speed and ETA count only the bytes moved by this run.</summary>
public class ProgressMeterTests
{
    private const long MiB = 1 << 20;

    [Fact]
    public void A_resumed_transfer_measures_only_this_runs_bytes()
    {
        var time = new ManualClock(DateTimeOffset.UnixEpoch);
        var meter = new ProgressMeter(time, initialBytes: 90 * MiB);

        Assert.Equal(0, meter.Sample(90 * MiB));
        time.Advance(TimeSpan.FromSeconds(1));
        var speed = meter.Sample(100 * MiB);
        var snapshot = new TransferProgress("f", 100 * MiB, 200 * MiB, speed, 1, TransferPhase.Transferring);

        Assert.Equal(10 * MiB, speed);
        Assert.Equal(TimeSpan.FromSeconds(10), snapshot.Remaining);
    }

    [Fact]
    public void Speed_is_smoothed_over_samples_at_least_200_ms_apart()
    {
        var time = new ManualClock(DateTimeOffset.UnixEpoch);
        var meter = new ProgressMeter(time, 0);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10 * MiB, meter.Sample(10 * MiB));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(10 * MiB, meter.Sample(50 * MiB));   // too soon: the last rate stands
        time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal((0.7 * 10 * MiB) + (0.3 * 40 * MiB), meter.Sample(50 * MiB), 3);
    }
}
