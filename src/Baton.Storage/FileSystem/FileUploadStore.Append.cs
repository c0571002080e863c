using System.IO.Pipelines;
using Baton.Storage.FileSystem.Writing;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem;

public sealed partial class FileUploadStore
{
    public async Task<AppendResult> AppendAsync(string id, AppendRequest request, CancellationToken cancellation)
    {
        using var verifier = request.Verifier;
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is null)
        {
            return new AppendResult(AppendOutcome.Locked, null);
        }
        var lookup = await FindAsync(id, cancellation).ConfigureAwait(false);
        if (AppendAdmission.Refusal(lookup, request.Offset) is { } refused)
        {
            return refused;
        }
        var entry = _entries[id];
        var info = entry.Info;
        if (info.PlacedPath is not null || info.IsComplete)
        {
            // Already complete (its data may be a hard link shared with a stored file, issue 15) or moved out: nothing is
            // written, and only an empty append is harmless.
            var empty = await IsEmptyAsync(request.Body, cancellation).ConfigureAwait(false);
            return new AppendResult(empty ? AppendOutcome.Appended : AppendOutcome.LengthExceeded, info);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, lease.Stopping);
        using var handle = File.OpenHandle(DataPath(id), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var start = info.Offset;
        var limit = info.Length ?? request.MaxLength;
        var room = limit is long l ? l - start : long.MaxValue;
        if (entry.Digest is null && start == 0)
        {
            entry.Digest = new RunningDigest();
        }
        else if (entry.Digest is { } d && d.Offset != start)
        {
            entry.DropDigest();
        }

        var hashes = new AppendHashes(entry.Digest, request.Verifier);
        var writer = OpenWriter(handle, start, hashes);
        try
        {
            return await ReceiveAsync(entry, handle, writer, request, room, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>O_DIRECT through staging buffers while staging memory is left and the file system allows it, else through the
    /// page cache (<see cref="WriteModeChoice"/>).</summary>
    private IChunkWriter OpenWriter(SafeFileHandle handle, long start, AppendHashes hashes)
    {
        var mode = WriteModeChoice.Choose(_options.Durability, _options.DirectWrites);
        if (mode == WriteMode.Direct && DirectChunkWriter.TryCreate(handle, start, hashes, _staging, _options.StagingBuffersPerAppend) is { } direct)
        {
            return direct;
        }
        return new BufferedChunkWriter(handle, start, hashes, startWriteback: mode != WriteMode.Buffered);
    }

    private async Task<AppendResult> ReceiveAsync(
        UploadEntry entry, SafeFileHandle handle, IChunkWriter writer, AppendRequest request, long room, CancellationToken stop)
    {
        var start = request.Offset;
        long checkpointed = 0;
        var interrupted = false;
        var full = false;
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(stop).ConfigureAwait(false);
                var buffer = read.Buffer;
                var exceeded = buffer.Length > room - writer.Taken;
                try
                {
                    if (!exceeded && !buffer.IsEmpty)
                    {
                        await writer.WriteAsync(buffer).ConfigureAwait(false);
                    }
                }
                finally
                {
                    // Handed back also when the write fails (a full disk): with a read left open, the host's drain of the unread
                    // body fails and it cuts the connection, so the client never reads the 507 (Kestrel: RST, "broken pipe").
                    request.Body.AdvanceTo(buffer.End);
                }
                if (exceeded)
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                    Discard(entry, handle, start);
                    return new AppendResult(AppendOutcome.LengthExceeded, entry.Info);
                }
                if (read.IsCompleted || read.IsCanceled)
                {
                    break;
                }
                if (request.Verifier is null && writer.Taken - checkpointed >= _options.CheckpointBytes)
                {
                    // A long append records progress as it goes, so a crash loses at most about CheckpointBytes.
                    var held = await writer.SettleAsync(staged: false).ConfigureAwait(false);
                    if (held - checkpointed < _options.CheckpointBytes / 2)
                    {
                        // A slow upload: what sits in staging is most of the progress, so it goes to disk now (padded).
                        held = await writer.SettleAsync(staged: true).ConfigureAwait(false);
                    }
                    if (held > checkpointed)
                    {
                        Commit(entry, handle, start + held);
                        checkpointed = held;
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // (A host's bad-request errors, e.g. ASP.NET Core's BadHttpRequestException for a too-slow body, are IOExceptions.)
            // The client went away, sent too slowly, a newer request asked us to stop (tus: store as much as possible), or the
            // disk refused a write (then only what it took is kept, and the caller is told the storage is full).
            interrupted = true;
            full = StorageFullException.IsSpaceExhausted(e);
        }
        try
        {
            return await SettleAsync(entry, handle, writer, request, start, interrupted, full).ConfigureAwait(false);
        }
        catch (IOException e) when (StorageFullException.IsSpaceExhausted(e))
        {
            // The last flush, fsync or record write found no room (delayed allocation reports ENOSPC at fsync): nothing past the
            // last recorded offset is known to be durable, so the file goes back to it.
            await writer.DisposeAsync().ConfigureAwait(false);
            Discard(entry, handle, entry.Info.Offset);
            return new AppendResult(AppendOutcome.StorageFull, entry.Info);
        }
    }

    /// <summary>Finishes an append that read its body (or stopped reading): keeps or discards the bytes, records the offset.</summary>
    private async Task<AppendResult> SettleAsync(UploadEntry entry, SafeFileHandle handle, IChunkWriter writer, AppendRequest request,
        long start, bool interrupted, bool full)
    {

        if (request.Verifier is { } verifier)
        {
            // A chunk with a checksum is all-or-nothing: incomplete or refused chunks are discarded (tus §Checksum). The
            // verifier was fed while the bytes were staged, so nothing is read back.
            var finished = interrupted ? 0 : await writer.FinishAsync().ConfigureAwait(false);
            full |= writer.Failure is { } refused && StorageFullException.IsSpaceExhausted(refused);
            var whole = !interrupted && finished == writer.Taken;
            var rejection = whole ? verifier.Verdict() : null;
            if (!whole || rejection is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
                Discard(entry, handle, start);
                var outcome = whole ? AppendOutcome.Rejected : full ? AppendOutcome.StorageFull : AppendOutcome.Interrupted;
                return new AppendResult(outcome, entry.Info, rejection);
            }
            Commit(entry, handle, start + writer.Taken);
            return new AppendResult(AppendOutcome.Appended, entry.Info, null, writer.Taken);
        }
        var kept = await writer.FinishAsync().ConfigureAwait(false);
        full |= writer.Failure is { } failure && StorageFullException.IsSpaceExhausted(failure);
        Commit(entry, handle, start + kept);
        var complete = !interrupted && kept == writer.Taken;
        var ended = complete ? AppendOutcome.Appended : full ? AppendOutcome.StorageFull : AppendOutcome.Interrupted;
        return new AppendResult(ended, entry.Info, null, kept);
    }

    /// <summary>Fsyncs the data, then records the new offset (the order that makes an acknowledged offset true after a crash).</summary>
    private void Commit(UploadEntry entry, SafeFileHandle handle, long offset)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            if (Durable)
            {
                RandomAccess.FlushToDisk(handle);
            }
            var info = entry.Info;
            Save(entry, info with { Offset = offset, ExpiresAt = NextExpiry() ?? info.ExpiresAt });
            failed = false;
        }
        finally
        {
            _options.Metrics.StorageCall(DiskBackendName, "commit", started, failed);
        }
    }

    /// <summary>Cuts the file back to the committed offset; the running digest no longer lines up.</summary>
    private static void Discard(UploadEntry entry, SafeFileHandle handle, long committed)
    {
        RandomAccess.SetLength(handle, committed);
        entry.DropDigest();
    }

    private static async Task<bool> IsEmptyAsync(PipeReader body, CancellationToken cancellation)
    {
        var read = await body.ReadAsync(cancellation).ConfigureAwait(false);
        var empty = read.Buffer.IsEmpty && read.IsCompleted;
        body.AdvanceTo(read.Buffer.Start);
        return empty;
    }
}
