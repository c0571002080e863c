using System.Globalization;
using Baton.Client.Transfers;

namespace Baton.Cli.Output;

/// <summary>Progress as plain lines (for logs and pipes): at most one a second, plus one per phase change.</summary>
internal sealed class PlainProgress(TextWriter writer, TimeProvider time) : IProgress<TransferProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly object _gate = new();
    private long _last = long.MinValue;
    private TransferPhase? _phase;

    public void Report(TransferProgress value)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var due = _last == long.MinValue || time.GetElapsedTime(_last, now) >= Interval;
            if (!due && _phase == value.Phase)
            {
                return;
            }
            _last = now;
            _phase = value.Phase;
            writer.WriteLine(Describe(value));
        }
    }

    public static string Describe(TransferProgress p)
    {
        var total = p.TotalBytes is { } t ? " / " + ByteSize.Format(t) : "";
        var percent = p.Fraction is { } f ? string.Create(CultureInfo.InvariantCulture, $" {f * 100:0}%") : "";
        var eta = p.Remaining is { } r ? $" ETA {(int)r.TotalHours:0}:{r.Minutes:00}:{r.Seconds:00}" : "";
        var connections = p.Connections > 0 ? $", {p.Connections} connection{(p.Connections == 1 ? "" : "s")}" : "";
        return p.Phase switch
        {
            TransferPhase.Connecting => $"{p.Name}: connecting",
            TransferPhase.Verifying => $"{p.Name}: verifying",
            TransferPhase.Completed => $"{p.Name}: {ByteSize.Format(p.BytesDone)} done",
            _ => $"{p.Name}: {ByteSize.Format(p.BytesDone)}{total}{percent} {ByteSize.Format(p.BytesPerSecond)}/s{eta}{connections}",
        };
    }
}
