using System.Buffers;
using System.Net;
using Baton.Client.Transfers;

namespace Baton.Client.Uploads;

/// <summary>
/// A request body that streams <c>[offset, offset + count)</c> of a file through one pooled buffer (the chunk is never held in
/// memory), paced by the shared token bucket, telling <paramref name="sent"/> about every buffer written so progress and stall
/// detection see the bytes leave. With a <paramref name="digest"/> the same bytes extend the file's SHA-256 while they are written,
/// so end-to-end verification costs no second read.
/// </summary>
internal sealed class FileSliceContent(string path, long offset, long count, TokenBucket? bucket, UploadDigest? digest, Action<int> sent)
    : HttpContent
{
    private const int BufferSize = 64 * 1024;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            long done = 0;
            while (done < count)
            {
                var n = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(BufferSize, count - done)), offset + done, cancellationToken);
                if (n == 0)
                {
                    throw new TransferException(TransferFailure.LocalIo, $"{path} became shorter while uploading");
                }
                if (bucket is not null)
                {
                    await bucket.TakeAsync(n, cancellationToken);
                }
                var write = stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                // Hashing reads the buffer while the transport may still be reading it too; neither writes it until the await.
                digest?.Append(offset + done, buffer.AsSpan(0, n));
                await write;
                done += n;
                sent(n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = count;
        return true;
    }
}
