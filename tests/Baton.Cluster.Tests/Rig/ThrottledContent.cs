using System.Net;

namespace Baton.Cluster.Tests.Rig;

/// <summary>
/// A request body sent slowly — <paramref name="piece"/> bytes, then a pause of <paramref name="pause"/> — as a sender on a thin
/// line, so its PATCH holds the upload's lock for a long time. Counts what it sent, and stops quietly when the server has answered
/// (a release request ends the PATCH early).
/// </summary>
public sealed class ThrottledContent(byte[] content, int piece, TimeSpan pause) : HttpContent
{
    private long _sent;

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Completes once at least this many bytes were written, for the test to act in the middle of the body.</summary>
    public TaskCompletionSource<long> Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long ReachAt { get; init; } = long.MaxValue;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < content.Length; offset += piece)
        {
            var count = Math.Min(piece, content.Length - offset);
            await stream.WriteAsync(content.AsMemory(offset, count));
            await stream.FlushAsync();
            if (Interlocked.Add(ref _sent, count) >= ReachAt)
            {
                Reached.TrySetResult(Sent);
            }
            await Task.Delay(pause);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = content.Length;
        return true;
    }
}
