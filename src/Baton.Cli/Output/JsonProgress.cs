using System.Text.Json.Nodes;
using Baton.Client.Transfers;

namespace Baton.Cli.Output;

/// <summary>Progress as JSON lines (<c>{"type":"progress",…}</c>), at most two a second plus one per phase change.</summary>
internal sealed class JsonProgress(TextWriter writer, TimeProvider time) : IProgress<TransferProgress>
{
    private readonly object _gate = new();
    private readonly ProgressThrottle _throttle = new(time, TimeSpan.FromMilliseconds(500));

    public void Report(TransferProgress value)
    {
        lock (_gate)
        {
            if (!_throttle.Admit(value.Phase))
            {
                return;
            }
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
