using System.Text.Json.Nodes;
using Baton.Client.Transfers;

namespace Baton.Cli.Output;

/// <summary>Progress as JSON lines (<c>{"type":"progress",…}</c>), at most two a second plus one per phase change.</summary>
internal sealed class JsonProgress(TextWriter writer, TimeProvider time) : IProgress<TransferProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly object _gate = new();
    private long _last = long.MinValue;
    private TransferPhase? _phase;

    public void Report(TransferProgress value)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_last != long.MinValue && time.GetElapsedTime(_last, now) < Interval && _phase == value.Phase)
            {
                return;
            }
            _last = now;
            _phase = value.Phase;
            writer.WriteLine(new JsonObject
            {
                ["type"] = "progress",
                ["name"] = value.Name,
                ["phase"] = value.Phase.ToString().ToLowerInvariant(),
                ["bytes"] = value.BytesDone,
                ["total"] = value.TotalBytes,
                ["bytesPerSecond"] = Math.Round(value.BytesPerSecond),
                ["connections"] = value.Connections,
            }.ToJsonString());
        }
    }
}
