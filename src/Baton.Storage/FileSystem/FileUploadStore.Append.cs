using Baton.Protocol.Problems;
using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem;

public sealed partial class FileUploadStore
{
    public async Task<AppendResult> AppendAsync(string id, AppendRequest request, CancellationToken cancellation)
    {
        using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is null)
        {
            return new AppendResult(AppendOutcome.Locked, null);
        }
        var lookup = await FindAsync(id, cancellation).ConfigureAwait(false);
        if (lookup.Presence != UploadPresence.Found)
        {
            return new AppendResult(lookup.Presence == UploadPresence.Gone ? AppendOutcome.Gone : AppendOutcome.NotFound, null);
        }
        var entry = _entries[id];
        var info = entry.Info;
        if (info.Kind == UploadKind.Final)
        {
            return new AppendResult(AppendOutcome.FinalUpload, info);
        }
        // tus §PATCH / draft §5.3: the offset is compared under the lock, so of concurrent appends at one offset exactly one wins.
        if (request.Offset != info.Offset)
        {
            return new AppendResult(AppendOutcome.OffsetMismatch, info);
        }
        if (info.PlacedPath is not null)
        {
            // Already complete and moved out: only an empty append is harmless.
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

        long written = 0;
        long checkpointed = 0;
        var interrupted = false;
        var segments = new List<ReadOnlyMemory<byte>>();
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(stop.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                if (buffer.Length > room - written)
                {
                    request.Body.AdvanceTo(buffer.End);
                    Discard(entry, handle, start);
                    return new AppendResult(AppendOutcome.LengthExceeded, entry.Info);
                }
                if (!buffer.IsEmpty)
                {
                    await WriteAsync(handle, buffer, start + written, segments).ConfigureAwait(false);
                    entry.Digest?.Append(buffer);
                    written += buffer.Length;
                }
                request.Body.AdvanceTo(buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                {
                    break;
                }
                if (request.Verifier is null && written - checkpointed >= _options.CheckpointBytes)
                {
                    // A long append records progress as it goes, so a crash loses at most CheckpointBytes.
                    Commit(entry, handle, start + written);
                    checkpointed = written;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client went away, sent too slowly, or a newer request asked us to stop (tus: store as much as possible).
            interrupted = true;
        }

        if (request.Verifier is not null)
        {
            // A chunk with a checksum is all-or-nothing: incomplete or refused chunks are discarded (tus §Checksum).
            var rejection = interrupted ? null : await VerifyAsync(request.Verifier, handle, start, written, cancellation).ConfigureAwait(false);
            if (interrupted || rejection is not null)
            {
                Discard(entry, handle, start);
                return new AppendResult(interrupted ? AppendOutcome.Interrupted : AppendOutcome.Rejected, entry.Info, rejection);
            }
        }
        Commit(entry, handle, start + written);
        return new AppendResult(interrupted ? AppendOutcome.Interrupted : AppendOutcome.Appended, entry.Info, null, written);
    }

    private static async ValueTask WriteAsync(SafeFileHandle handle, ReadOnlySequence<byte> buffer, long offset, List<ReadOnlyMemory<byte>> segments)
    {
        if (buffer.IsSingleSegment)
        {
            await RandomAccess.WriteAsync(handle, buffer.First, offset).ConfigureAwait(false);
            return;
        }
        segments.Clear();
        foreach (var segment in buffer)
        {
            segments.Add(segment);
        }
        // Vectored write straight from the pipe's buffers: no copy into buffers of our own.
        await RandomAccess.WriteAsync(handle, segments, offset).ConfigureAwait(false);
    }

    private static async ValueTask<ProtocolError?> VerifyAsync(ChunkVerifier verifier, SafeFileHandle handle, long start, long length, CancellationToken cancellation)
    {
        await using var chunk = new FileRangeStream(handle, start, length);
        return await verifier(chunk, cancellation).ConfigureAwait(false);
    }

    /// <summary>Fsyncs the data, then records the new offset (the order that makes an acknowledged offset true after a crash).</summary>
    private void Commit(UploadEntry entry, SafeFileHandle handle, long offset)
    {
        if (Durable)
        {
            RandomAccess.FlushToDisk(handle);
        }
        var info = entry.Info;
        Save(entry, info with { Offset = offset, ExpiresAt = NextExpiry() ?? info.ExpiresAt });
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
