using Microsoft.AspNetCore.Http;
using Microsoft.Win32.SafeHandles;

namespace Baton.Server.Downloads;

/// <summary>Copies a byte range of an open file to the response, reading straight into the response pipe's memory.</summary>
public static class FileBody
{
    /// <summary>Copies <paramref name="count"/> bytes from <paramref name="offset"/>. Returns false if the file ended early (it shrank
    /// after its length was announced) — the caller must then abort, since the promised Content-Length cannot be met.</summary>
    public static async Task<bool> CopyAsync(SafeFileHandle handle, long offset, long count, HttpResponse response, int bufferSize,
        CancellationToken cancellation)
    {
        var writer = response.BodyWriter;
        while (count > 0)
        {
            var size = (int)Math.Min(bufferSize, count);
            var memory = writer.GetMemory(size)[..size];
            var read = await RandomAccess.ReadAsync(handle, memory, offset, cancellation);
            if (read == 0)
            {
                return false;
            }
            writer.Advance(read);
            offset += read;
            count -= read;
            var flushed = await writer.FlushAsync(cancellation);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return count == 0;
            }
        }
        return true;
    }
}
