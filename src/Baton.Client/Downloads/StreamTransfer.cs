using System.Buffers;
using System.Net;
using Baton.Client.Transfers;
using Polly;

namespace Baton.Client.Downloads;

/// <summary>
/// The single-connection fallback for servers that ignore Range or do not state a length. Nothing partial can be trusted by a
/// later request (it cannot be made conditional), so every attempt writes the <c>.part</c> file from byte 0.
/// </summary>
internal sealed class StreamTransfer(
    HttpClient http,
    Uri url,
    string partPath,
    DownloadOptions options,
    ResiliencePipeline pipeline,
    TimeProvider time,
    IProgress<TransferProgress>? progress)
{
    /// <summary>Written bytes handed to the kernel for writeback at a time (see <see cref="DiskWriteback"/>).</summary>
    private const long WritebackBytes = 8 << 20;

    public async Task<(long Length, Uri FinalUrl)> RunAsync(CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(async token => await AttemptAsync(token), cancellationToken);

    private async Task<(long, Uri)> AttemptAsync(CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(partPath)[..^".part".Length];
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
            await using var file = new FileStream(partPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
            var meter = new ProgressMeter(time, 0);
            var lastReport = time.GetTimestamp();
            long written = 0;
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
                if (written - writebackFrom >= WritebackBytes)
                {
                    DiskWriteback.Start(file.SafeFileHandle, writebackFrom, written - writebackFrom);
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
            file.Flush(flushToDisk: true);
            return (written, response.RequestMessage?.RequestUri ?? url);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no bytes for {options.StallTimeout.TotalSeconds:0} s");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
