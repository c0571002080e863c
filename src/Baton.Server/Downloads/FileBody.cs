using Microsoft.AspNetCore.Http;
using Baton.Storage.Files;
using Baton.Storage.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Downloads;

/// <summary>Copies a byte range of an open file to the response, reading straight into the response pipe's memory.</summary>
public static class FileBody
{
    /// <summary>
    /// Largest piece asked of the pipe at once when its own blocks are smaller. The pipe rents anything above its block size from
    /// the shared ArrayPool, and arrays of 85,000 bytes or more live on the large-object heap, reclaimed only by full collections:
    /// under hundreds of concurrent downloads 256 KiB pieces piled up as hundreds of MiB of RSS. 64 KiB pieces stay on the
    /// small-object heap; a pool with blocks of 64 KiB or more (baton serve's) serves them from its reused pinned blocks.
    /// </summary>
    public const int SegmentSize = 64 * 1024;

    /// <summary>
    /// Smallest piece read into what the pipe already has. Pieces otherwise come in the size the pipe's pool chooses
    /// (baton serve's pool gives smaller blocks when hundreds of connections are busy); a smaller remainder, or a pool of
    /// smaller blocks (Kestrel's own has 4 KiB), is skipped for a piece of up to <see cref="SegmentSize"/>.
    /// </summary>
    public const int MinimumPiece = 8 * 1024;

    /// <summary>Copies <paramref name="count"/> bytes from <paramref name="offset"/>, flushing after each batch of the size
    /// <paramref name="share"/> grants at that moment. <see cref="BodyOutcome.FileEnded"/> when the file ended early (it shrank after
    /// its length was announced) — the caller must then abort, since the promised Content-Length cannot be met;
    /// <see cref="BodyOutcome.ClientGone"/> when the client left first.</summary>
    public static async Task<BodyOutcome> CopyAsync(IFileReader reader, long offset, long count, HttpResponse response,
        DownloadBuffers.Share share, CancellationToken cancellation)
    {
        await StartAsync(response, cancellation);
        var writer = response.BodyWriter;
        var metrics = response.HttpContext.RequestServices.GetService<BatonMetrics>() ?? BatonMetrics.Unobserved;
        while (count > 0)
        {
            // Fill one batch in pieces, then flush once: few flushes, no large-object-heap churn.
            var batch = Math.Min(share.BatchSize, count);
            var filled = batch;
            while (batch > 0)
            {
                var memory = writer.GetMemory(1);
                if (memory.Length < MinimumPiece)
                {
                    memory = writer.GetMemory((int)Math.Min(SegmentSize, batch));
                }
                memory = memory[..(int)Math.Min(Math.Min(memory.Length, SegmentSize), batch)];
                var read = await reader.ReadAsync(offset, memory, cancellation);
                if (read == 0)
                {
                    return BodyOutcome.FileEnded;
                }
                writer.Advance(read);
                offset += read;
                count -= read;
                batch -= read;
            }
            metrics.Sent(filled); // handed to the connection (before the flush, so a client that has it all sees it counted)
            var flushed = await writer.FlushAsync(cancellation);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return count == 0 ? BodyOutcome.Sent : BodyOutcome.ClientGone;
            }
        }
        return BodyOutcome.Sent;
    }

    /// <summary>
    /// Sends the head before the first body byte is asked for: until then Kestrel hands out a temporary buffer and copies it into
    /// the connection once the head is written (Http1OutputProducer.WriteDataWrittenBeforeHeaders) — for a 1 MiB range that was
    /// the whole body copied once more, 8 % of the server's CPU under random ranges (perf).
    /// </summary>
    public static async Task StartAsync(HttpResponse response, CancellationToken cancellation)
    {
        if (!response.HasStarted)
        {
            await response.StartAsync(cancellation);
        }
    }
}
