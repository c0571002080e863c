using Baton.Cli.Output;
using Baton.Client.Transfers;
using Baton.Testing;
using Spectre.Console;

namespace Baton.Cli.Tests.Output;

/// <summary>
/// Issue 11 item 9: the rich progress display shows the client's measured rate (this run's bytes), not a rate Spectre derives
/// from the task's value jumping to a resumed download's saved bytes.
/// </summary>
public class MeasuredRateColumnTests
{
    private const long MiB = 1 << 20;

    [Fact]
    public void A_resumed_download_shows_the_speed_and_eta_of_this_run()
    {
        var time = new ManualClock(DateTimeOffset.UnixEpoch);
        var task = new ProgressTask(1, "connecting", 1, autoStart: true, timeProvider: time);
        var display = new SpectreProgress(task);
        var meter = new ProgressMeter(time, 90 * MiB);

        display.Report(new TransferProgress("big.iso", 90 * MiB, 200 * MiB, meter.Sample(90 * MiB), 1, TransferPhase.Transferring));
        var before = MeasuredRateColumn.Describe(task);
        time.Advance(TimeSpan.FromSeconds(1));
        display.Report(new TransferProgress("big.iso", 100 * MiB, 200 * MiB, meter.Sample(100 * MiB), 1, TransferPhase.Transferring));

        Assert.Equal("-", before);
        Assert.Equal($"{ByteSize.Format(10 * MiB)}/s 0:00:10", MeasuredRateColumn.Describe(task));
    }
}
