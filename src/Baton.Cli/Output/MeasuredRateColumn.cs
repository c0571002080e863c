using Baton.Client.Transfers;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Baton.Cli.Output;

/// <summary>
/// Speed and time left as Baton's <see cref="ProgressMeter"/> measured them — this run's bytes only. Spectre's own speed and
/// remaining-time columns derive the rate from changes of the task's value, so a resumed download's first jump to the bytes it
/// already had counted as just transferred (99 MiB/s shown at a real 10 MiB/s; issue 11 item 9).
/// </summary>
internal sealed class MeasuredRateColumn : ProgressColumn
{
    internal const string SpeedKey = "baton.bytesPerSecond";
    internal const string RemainingKey = "baton.secondsRemaining";

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(Describe(task), new Style(Color.Grey));

    /// <summary>Stores a snapshot's rate on the task for <see cref="Render"/>.</summary>
    public static void Store(ProgressTask task, TransferProgress value)
    {
        task.State.Update<double>(SpeedKey, _ => value.BytesPerSecond);
        task.State.Update<double>(RemainingKey, _ => value.Remaining?.TotalSeconds ?? -1);
    }

    /// <summary>"10 MiB/s 0:00:09", or "-" before a rate is known.</summary>
    internal static string Describe(ProgressTask task)
    {
        var speed = task.State.Get<double>(SpeedKey);
        if (speed <= 0)
        {
            return "-";
        }
        var remaining = task.State.Get<double>(RemainingKey);
        var eta = remaining >= 0 && TimeSpan.FromSeconds(remaining) is var r ? $" {(int)r.TotalHours:0}:{r.Minutes:00}:{r.Seconds:00}" : "";
        return $"{ByteSize.Format(speed)}/s{eta}";
    }
}
