using Baton.Client.Requests;
using Baton.Client.Transfers;
using Baton.Shared;
using Polly;

namespace Baton.Client.Downloads;

/// <summary>
/// Downloads one URL to a file so that it can be killed at any moment and rerun: bytes go to <c>PATH.part</c> at their offsets,
/// the control file <c>PATH.part.baton</c> says which bytes are valid and for which representation (URL, ETag, Last-Modified,
/// length), and the file appears at PATH only once complete and verified. A changed remote file restarts the download
/// (or stops it, with <see cref="DownloadOptions.AllowRestart"/> false); two versions are never spliced.
/// </summary>
public sealed class FileDownloader(HttpClient http, TimeProvider? time = null)
{
    private const int MaxRestarts = 3;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<DownloadResult> DownloadAsync(Uri url, DownloadOptions? options = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new DownloadOptions();
        options.Validate();
        var pipeline = RetryPolicy.Create(options.Retries, options.RetryDelay, _time, options.Notice);
        var restarted = false;
        for (var attempt = 0; ; attempt++)
        {
            var remote = await RetryPolicy.RunAsync(pipeline, t => RemoteProbe.ProbeAsync(http, url, options.RequestDigest, t), url, cancellationToken);
            var path = DownloadNaming.ResolvePath(options.OutputPath, remote.Disposition, url);
            switch (OutputTarget.Inspect(path))
            {
                case OutputTargetKind.SymbolicLink:
                    // Renaming the .part file over it would replace the link, not write its target; following it would write
                    // wherever the link points. Neither is what "-o PATH" says, so the user names the target instead.
                    throw new TransferException(TransferFailure.LocalIo,
                        $"{path} is a symbolic link; baton get does not write through or replace links (give the link's target as -o)");
                case OutputTargetKind.Other:
                    throw new TransferException(TransferFailure.LocalIo, $"{path} is a block device or socket; baton get writes only files, FIFOs and character devices");
                case OutputTargetKind.CharacterDevice or OutputTargetKind.Fifo:
                    options.Notice?.Invoke($"{path} is not a regular file: streaming through without a .part or control file (not resumable)");
                    await using (var device = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1))
                    {
                        return await StreamThroughAsync(url, device, path, options, pipeline, progress, cancellationToken);
                    }
            }
            var name = Path.GetFileName(path);
            progress?.Report(new TransferProgress(name, 0, remote.Length, 0, 0, TransferPhase.Connecting));
            var part = path + ".part";
            var control = ControlFile.PathFor(part);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                // Without a strong validator a range request cannot be made conditional (If-Range), so segments could splice versions.
                if (!remote.AcceptsRanges || remote.Length is null || (remote.IfRange is null && remote.Length > 0))
                {
                    ControlFile.Delete(control);
                    var stream = new StreamTransfer(http, url, part, options, pipeline, _time, progress);
                    var (length, finalUrl) = await RetryPolicy.RunAsync(pipeline, stream.RunAsync, url, cancellationToken);
                    return await FinishAsync(path, part, control, remote with { FinalUrl = finalUrl, Length = length }, options, 1,
                        resumed: false, restarted, progress, cancellationToken);
                }
                var (map, resumed, changed) = Recover(url, remote, part, control, options);
                if (changed)
                {
                    if (!options.AllowRestart)
                    {
                        throw new TransferException(TransferFailure.RemoteChanged,
                            $"{url} changed since the partial download began; rerun without --no-restart to start over");
                    }
                    restarted = true;
                    options.Notice?.Invoke($"{url} changed since the partial download began; starting over");
                }
                if (map is null)
                {
                    if (await IsAlreadyCompleteAsync(path, remote, options, cancellationToken) is { } verified)
                    {
                        progress?.Report(new TransferProgress(name, remote.Length.Value, remote.Length, 0, 0, TransferPhase.Completed));
                        return new DownloadResult(path, remote.Length.Value, remote.FinalUrl, false, restarted, true, 0, verified);
                    }
                    map = Start(remote.Length.Value, part, ChooseConnections(remote.Length.Value, options), options);
                }
                var connections = ChooseConnections(remote.Length.Value, options);
                var transfer = new SegmentedTransfer(http, url, remote, map, part, control, connections, options, pipeline, _time, progress);
                try
                {
                    await transfer.RunAsync(cancellationToken);
                }
                catch (Exception e) when (RetryPolicy.IsTransient(e))
                {
                    throw RetryPolicy.Exhausted(url, e);
                }
                return await FinishAsync(path, part, control, remote, options, connections, resumed, restarted, progress, cancellationToken);
            }
            catch (RemoteChangedException e)
            {
                if (!options.AllowRestart)
                {
                    throw new TransferException(TransferFailure.RemoteChanged, $"{url}: {e.Message}; rerun without --no-restart to start over");
                }
                if (attempt >= MaxRestarts)
                {
                    throw new TransferException(TransferFailure.RemoteChanged, $"{url} keeps changing while downloading ({e.Message})");
                }
                Discard(part, control);
                restarted = true;
                options.Notice?.Invoke($"{e.Message}; starting over");
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException and not HttpIOException)
            {
                throw LocalWriteFailure.For(path, e);
            }
        }
    }

    /// <summary>
    /// Streams <paramref name="url"/> into <paramref name="destination"/> (standard output, a FIFO, a character device) on one
    /// connection, without a .part or control file: nothing can be resumed, and a failure after the first byte ends the download.
    /// </summary>
    public async Task<DownloadResult> DownloadToStreamAsync(Uri url, Stream destination, string name, DownloadOptions? options = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new DownloadOptions();
        options.Validate();
        var pipeline = RetryPolicy.Create(options.Retries, options.RetryDelay, _time, options.Notice);
        return await StreamThroughAsync(url, destination, name, options, pipeline, progress, cancellationToken);
    }

    private async Task<DownloadResult> StreamThroughAsync(Uri url, Stream destination, string name, DownloadOptions options,
        ResiliencePipeline pipeline, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var stream = new StreamTransfer(http, url, name, options, pipeline, _time, progress, destination);
        var (length, finalUrl) = await RetryPolicy.RunAsync(pipeline, stream.RunAsync, url, cancellationToken);
        progress?.Report(new TransferProgress(name, length, length, 0, 0, TransferPhase.Completed));
        return new DownloadResult(name, length, finalUrl, false, false, false, 1, null);
    }

    /// <summary>
    /// Decides what the bytes already on disk are worth. Resumes only when the control file is readable and sane, is for the same URL,
    /// the part file has the full preallocated length, and the server still serves the same representation (strong validator + length).
    /// </summary>
    internal static (SegmentMap? Map, bool Resumed, bool Changed) Recover(Uri url, RemoteResource remote, string part, string control, DownloadOptions options)
    {
        var state = ControlFile.TryLoad(control);
        if (state is null)
        {
            // A part file without a (readable) control file says nothing about which of its bytes are valid.
            Discard(part, control);
            return (null, false, false);
        }
        var sameUrl = state.Url == url.AbsoluteUri;
        if (sameUrl && remote.Matches(state) && remote.IfRange is not null
            && File.Exists(part) && new FileInfo(part).Length == state.Length
            && SegmentMap.Restore(state.Length, state.Segments, options.MinimumSegmentBytes) is { } map)
        {
            return (map, map.BytesWritten > 0, false);
        }
        var changed = sameUrl && !remote.Matches(state);
        if (!(changed && !options.AllowRestart))
        {
            Discard(part, control);
        }
        return (null, false, changed);
    }

    private static SegmentMap Start(long length, string part, int connections, DownloadOptions options)
    {
        // Preallocate: segments are written at their offsets, and a full-length part file is how a resume knows it is intact.
        using (var stream = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            stream.SetLength(length);
        }
        return SegmentMap.Plan(length, connections, options.MinimumSegmentBytes);
    }

    /// <summary>The number of connections: as asked, else one per 4 MiB up to the polite per-host default.</summary>
    public static int ChooseConnections(long length, DownloadOptions options) =>
        options.Connections ?? (int)Math.Clamp(length / (4L << 20), 1, options.PoliteConnectionsPerHost);

    /// <summary>
    /// PATH already holds this file when its length matches and either the server's digest (or --checksum) verifies it, or, with no
    /// digest to check, its modification time equals the server's Last-Modified (set by Baton when it completed the file).
    /// </summary>
    private static async Task<string?> IsAlreadyCompleteAsync(string path, RemoteResource remote, DownloadOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(path) || new FileInfo(path).Length != remote.Length)
        {
            return null;
        }
        try
        {
            if (await FileVerifier.VerifyAsync(path, remote.ReprDigest, options.Checksum, cancellationToken) is { } verified)
            {
                return verified;
            }
        }
        catch (TransferException e) when (e.Failure == TransferFailure.VerificationFailed)
        {
            return null;
        }
        return remote.LastModified is { } modified && new DateTimeOffset(File.GetLastWriteTimeUtc(path)) == modified ? "Last-Modified and length" : null;
    }

    private async Task<DownloadResult> FinishAsync(string path, string part, string control, RemoteResource remote, DownloadOptions options,
        int connections, bool resumed, bool restarted, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        var length = remote.Length ?? new FileInfo(part).Length;
        progress?.Report(new TransferProgress(name, length, length, 0, 0, TransferPhase.Verifying));
        string? verified;
        try
        {
            verified = await FileVerifier.VerifyAsync(part, remote.ReprDigest, options.Checksum, cancellationToken);
        }
        catch (TransferException e) when (e.Failure == TransferFailure.VerificationFailed)
        {
            // Bad bytes must not survive: neither at PATH nor as a part file a rerun would trust.
            Discard(part, control);
            throw;
        }
        if (remote.LastModified is { } modified)
        {
            File.SetLastWriteTimeUtc(part, modified.UtcDateTime);
        }
        File.Move(part, path, overwrite: true);
        // The bytes were flushed by the transfer; the rename must be durable too before success is reported.
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
        ControlFile.Delete(control);
        progress?.Report(new TransferProgress(name, length, length, 0, 0, TransferPhase.Completed));
        return new DownloadResult(path, length, remote.FinalUrl, resumed, restarted, false, connections, verified);
    }

    private static void Discard(string part, string control)
    {
        File.Delete(part);
        ControlFile.Delete(control);
    }
}
