using System.Globalization;
using Baton.Client.Transfers;

namespace Baton.Cli.Output;

/// <summary>Progress as plain lines (for logs and pipes): at most one a second, plus one per phase change.</summary>
internal sealed class PlainProgress(TextWriter writer, TimeProvider time) : IProgress<TransferProgress>
{
    private readonly object _gate = new();
    private readonly ProgressThrottle _throttle = new(time, TimeSpan.FromSeconds(1));

    public void Report(TransferProgress value)
    {
        lock (_gate)
        {
            if (!_throttle.Admit(value.Phase))
            {
                return;
            }
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
            TransferPhase.Hashing => $"{p.Name}: hashing {ByteSize.Format(p.BytesDone)}{total}{percent} {ByteSize.Format(p.BytesPerSecond)}/s{eta}",
            TransferPhase.Completed => $"{p.Name}: {ByteSize.Format(p.BytesDone)} done",
            _ => $"{p.Name}: {ByteSize.Format(p.BytesDone)}{total}{percent} {ByteSize.Format(p.BytesPerSecond)}/s{eta}{connections}",
        };
    }
}
