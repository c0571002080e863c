using Baton.Client.Transfers;
using Spectre.Console;

namespace Baton.Cli.Output;

/// <summary>Feeds a Spectre.Console progress task (bar, %, bytes, and speed and ETA as measured by the client); the description shows the connections in use.</summary>
internal sealed class SpectreProgress(ProgressTask task) : IProgress<TransferProgress>
{
    public void Report(TransferProgress value)
    {
        if (value.TotalBytes is { } total)
        {
            task.MaxValue = Math.Max(1, total);
        }
        task.Value = value.BytesDone;
        MeasuredRateColumn.Store(task, value);
        var name = Markup.Escape(value.Name);
        task.Description = value.Phase switch
        {
            TransferPhase.Connecting => $"{name} [grey]connecting[/]",
            TransferPhase.Verifying => $"{name} [grey]verifying[/]",
            TransferPhase.Hashing => $"{name} [grey]hashing[/]",
            TransferPhase.Completed => name,
            _ => value.Connections > 0 ? $"{name} [grey]{value.Connections} conn[/]" : name,
        };
    }
}
