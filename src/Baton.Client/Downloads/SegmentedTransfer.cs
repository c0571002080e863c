using Baton.Client.Transfers;
using Microsoft.Win32.SafeHandles;
using Polly;

namespace Baton.Client.Downloads;

/// <summary>
/// Runs the connections of one segmented download and, beside them, saves the control file every
/// <see cref="DownloadOptions.SaveInterval"/> (after flushing the part file, so the map never claims bytes the disk lacks)
/// and reports progress. The first save comes at the first progress tick that sees new bytes, not a save interval later: a kill in
/// the first seconds then resumes instead of starting over (issue 11 item 9). The control file is saved once more when the transfer stops short; a complete file is flushed instead.
/// </summary>
internal sealed class SegmentedTransfer(
    HttpClient http,
    Uri url,
    RemoteResource remote,
    SegmentMap map,
    string partPath,
    string controlPath,
    int connections,
    DownloadOptions options,
    ResiliencePipeline pipeline,
    TimeProvider time,
    IProgress<TransferProgress>? progress)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var file = File.OpenHandle(partPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        var bucket = options.LimitBytesPerSecond is { } rate ? new TokenBucket(rate, time) : null;
        var location = new ResourceLocation(http, url, remote);
        var fetcher = new SegmentFetcher(http, location, remote, map, file, bucket, pipeline, options, options.BufferSizeFor(connections));
        var name = Path.GetFileName(partPath)[..^".part".Length];
        var meter = new ProgressMeter(time, map.BytesWritten);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = new Task[connections];
        for (var i = 0; i < connections; i++)
        {
            workers[i] = Task.Run(() => fetcher.RunConnectionAsync(stop.Token), CancellationToken.None);
        }
        var all = Task.WhenAll(workers);
        // One failing connection stops the others at once instead of letting them run on.
        foreach (var worker in workers)
        {
            _ = worker.ContinueWith(_ => stop.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        var lastSave = time.GetTimestamp();
        var savedAny = map.BytesWritten > 0;
        var completed = false;
        try
        {
            while (!all.IsCompleted)
            {
                await Task.WhenAny(all, Task.Delay(options.ProgressInterval, time, CancellationToken.None));
                // Off the connections' path: starting writeback may wait for the file system's journal.
                DiskWriteback.Start(file);
                var bytes = map.BytesWritten;
                progress?.Report(new TransferProgress(name, bytes, map.Length, meter.Sample(bytes), fetcher.ActiveConnections, TransferPhase.Transferring));
                if ((!savedAny && bytes > 0) || time.GetElapsedTime(lastSave) >= options.SaveInterval)
                {
                    Save(file, location);
                    lastSave = time.GetTimestamp();
                    savedAny |= bytes > 0;
                }
            }
            await all.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ThrowFirstFailure(workers, cancellationToken);
            completed = map.IsComplete;
        }
        finally
        {
            if (completed)
            {
                // The whole file must be on disk before success is reported. A last control file would be deleted at once after
                // the rename, so it is not written: a crash before the rename resumes from the previous save instead.
                RandomAccess.FlushToDisk(file);
            }
            else
            {
                Save(file, location);
            }
        }
    }

    /// <summary>The most meaningful failure: a changed remote or protocol error over the cancellations it caused in other connections.</summary>
    private static void ThrowFirstFailure(Task[] workers, CancellationToken cancellationToken)
    {
        var failures = workers.Where(w => w.IsFaulted).SelectMany(w => w.Exception!.InnerExceptions).ToList();
        var meaningful = failures.FirstOrDefault(e => e is not OperationCanceledException);
        if (meaningful is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(meaningful);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (failures.Count > 0 || workers.Any(w => w.IsCanceled))
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private void Save(SafeFileHandle file, ResourceLocation location)
    {
        // Flush first: the control file must never claim bytes that are not on disk (a power loss after the rename).
        RandomAccess.FlushToDisk(file);
        ControlFile.Save(controlPath, new DownloadState
        {
            Url = url.AbsoluteUri,
            FinalUrl = location.Current.AbsoluteUri,
            ETag = remote.ETag?.ToString(),
            LastModified = remote.LastModified,
            Length = map.Length,
            ReprDigest = remote.ReprDigest,
            Segments = map.Snapshot(),
        });
    }
}
