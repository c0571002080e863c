using System.Net;

namespace Baton.Testing;

/// <summary>A request body that sends a prefix and then hangs, like a slow sender caught mid-request.</summary>
public sealed class StalledContent(byte[] prefix, long declaredLength, Task hang) : HttpContent
{
    public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < prefix.Length; offset += 64 * 1024)
        {
            await stream.WriteAsync(prefix.AsMemory(offset, Math.Min(64 * 1024, prefix.Length - offset)));
        }
        await stream.FlushAsync();
        Sent.TrySetResult();
        await hang;
        throw new IOException("the sender gave up");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = declaredLength;
        return true;
    }
}
