using System.Buffers;
using System.Net;
using Baton.Client.Requests;
using Baton.Client.Transfers;
using Polly;

namespace Baton.Client.Downloads;

/// <summary>
/// The single-connection fallback for servers that ignore Range or do not state a length. Nothing partial can be trusted by a
/// later request (it cannot be made conditional), so every attempt writes the <c>.part</c> file from byte 0. It also streams
/// through to a destination that cannot be rewound (a character device, a FIFO, standard output: <paramref name="passThrough"/>):
/// then a failure before the first byte is retried, and one after it ends the download — the bytes already passed on cannot be
/// taken back.
/// </summary>
internal sealed class StreamTransfer(
    HttpClient http,
    Uri url,
    string partPath,
    DownloadOptions options,
    ResiliencePipeline pipeline,
    TimeProvider time,
    IProgress<TransferProgress>? progress,
    Stream? passThrough = null)
{
    /// <summary>Written bytes handed to the kernel for writeback at a time (see <see cref="DiskWriteback"/>).</summary>
    private const long WritebackBytes = 8 << 20;

    /// <summary>A failure after bytes were passed through cannot be retried: they would be written twice.</summary>
    private TransferException? NotRepeatable(long written) => passThrough is not null && written > 0
        ? new TransferException(TransferFailure.Network, $"{url}: the transfer broke after {written} bytes were written to {partPath}, which cannot be resumed")
        : null;

    public async Task<(long Length, Uri FinalUrl)> RunAsync(CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(async token => await AttemptAsync(token), cancellationToken);

    private async Task<(long, Uri)> AttemptAsync(CancellationToken cancellationToken)
    {
        var name = passThrough is null ? Path.GetFileName(partPath)[..^".part".Length] : partPath;
        long written = 0;
        var bucket = options.LimitBytesPerSecond is { } rate ? new TokenBucket(rate, time) : null;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(options.StallTimeout);
        var buffer = ArrayPool<byte>.Shared.Rent(options.BufferSize);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stall.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw await RemoteProbe.StatusFailureAsync(url, response, cancellationToken);
            }
            var total = response.Content.Headers.ContentLength;
            var stream = await response.Content.ReadAsStreamAsync(stall.Token);
            await using var owned = passThrough is null
                ? new FileStream(partPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous)
                : null;
            var file = (Stream?)owned ?? passThrough!;
            var meter = new ProgressMeter(time, 0);
            var lastReport = time.GetTimestamp();
            long writebackFrom = 0;
            while (true)
            {
                stall.CancelAfter(options.StallTimeout);
                var n = await stream.ReadAsync(buffer.AsMemory(0, options.BufferSize), stall.Token);
                if (n == 0)
                {
                    break;
                }
                if (bucket is not null)
                {
                    await bucket.TakeAsync(n, cancellationToken);
                }
                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                written += n;
                if (owned is not null && written - writebackFrom >= WritebackBytes)
                {
                    DiskWriteback.Start(owned.SafeFileHandle, writebackFrom, written - writebackFrom);
                    writebackFrom = written;
                }
                if (time.GetElapsedTime(lastReport) >= options.ProgressInterval)
                {
                    lastReport = time.GetTimestamp();
                    progress?.Report(new TransferProgress(name, written, total, meter.Sample(written), 1, TransferPhase.Transferring));
                }
            }
            if (total is { } expected && written != expected)
            {
                throw new IOException($"received {written} of {expected} bytes");
            }
            // The whole file must be on disk before success is reported.
            owned?.Flush(flushToDisk: true);
            if (passThrough is not null)
            {
                await passThrough.FlushAsync(cancellationToken);
            }
            return (written, response.RequestMessage?.RequestUri ?? url);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw (Exception?)NotRepeatable(written) ?? new TimeoutException($"no bytes for {options.StallTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (RetryPolicy.IsTransient(e) && NotRepeatable(written) is { } ended)
        {
            throw new TransferException(ended.Failure, $"{ended.Message}: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
