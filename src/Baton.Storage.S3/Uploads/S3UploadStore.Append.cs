using System.IO.Pipelines;
using System.Security.Cryptography;

namespace Baton.Storage.S3.Uploads;

public sealed partial class S3UploadStore
{
    public async Task<AppendResult> AppendAsync(string id, AppendRequest request, CancellationToken cancellation)
    {
        using var verifier = request.Verifier;
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is null)
        {
            return new AppendResult(AppendOutcome.Locked, null);
        }
        var (lookup, found) = await FindLockedAsync(id, cancellation).ConfigureAwait(false);
        if (AppendAdmission.Refusal(lookup, request.Offset) is { } refused)
        {
            return refused;
        }
        var entry = found!;
        var info = entry.Info;
        if (info.PlacedPath is not null || entry.Record.Joined)
        {
            var empty = await IsEmptyAsync(request.Body, cancellation).ConfigureAwait(false);
            return new AppendResult(empty ? AppendOutcome.Appended : AppendOutcome.LengthExceeded, info);
        }
        if (entry.Digest is null && info.Offset == 0)
        {
            entry.Digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            entry.DigestOffset = 0;
        }
        else if (entry.Digest is not null && entry.DigestOffset != info.Offset)
        {
            entry.DropDigest();
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, lease.Stopping);
        using var buffer = await _buffers.RentAsync(cancellation).ConfigureAwait(false);
        var append = new PartFill(entry.Record, buffer.Array, _buffers.PartSize);
        // The tail (bytes short of a part) goes in front of the new bytes, so parts stay whole and equal-sized.
        if (entry.Record.TailKey is { } tail)
        {
            await ReadIntoAsync(tail, 0, buffer.Array, 0, (int)entry.Record.TailLength, cancellation).ConfigureAwait(false);
        }
        return await ReceiveAsync(entry, append, request, stop.Token).ConfigureAwait(false);
    }

    private async Task<AppendResult> ReceiveAsync(S3UploadEntry entry, PartFill fill, AppendRequest request, CancellationToken stop)
    {
        var info = entry.Info;
        var limit = info.Length ?? request.MaxLength;
        var room = limit is long l ? l - info.Offset : long.MaxValue;
        var interrupted = false;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await request.Body.ReadAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The client went away, sent too slowly, or a newer request asked us to stop (tus: store as much as possible).
                interrupted = true;
                break;
            }
            var data = read.Buffer;
            try
            {
                if (data.Length > room - fill.Taken)
                {
                    entry.DropDigest();
                    return new AppendResult(AppendOutcome.LengthExceeded, entry.Info);
                }
                foreach (var segment in data)
                {
                    var rest = segment;
                    while (!rest.IsEmpty)
                    {
                        var taken = fill.Take(rest.Span);
                        Hash(entry, request.Verifier, rest.Span[..taken]);
                        rest = rest[taken..];
                        if (fill.IsFull)
                        {
                            await SendPartAsync(entry, fill, commit: request.Verifier is null).ConfigureAwait(false);
                        }
                    }
                }
            }
            finally
            {
                // Handed back also when a part fails (S3 unreachable): with a read left open, the host's drain of the unread body
                // fails and it cuts the connection, so the client never reads the 503.
                request.Body.AdvanceTo(data.End);
            }
            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }
        }

        if (request.Verifier is { } verifier)
        {
            // A chunk with a checksum is all-or-nothing (tus §Checksum): parts sent for a refused chunk are never recorded and
            // the next parts overwrite them.
            var rejection = interrupted ? null : verifier.Verdict();
            if (interrupted || rejection is not null)
            {
                entry.DropDigest();
                return new AppendResult(interrupted ? AppendOutcome.Interrupted : AppendOutcome.Rejected, entry.Info, rejection);
            }
        }
        await FinishAsync(entry, fill).ConfigureAwait(false);
        return new AppendResult(interrupted ? AppendOutcome.Interrupted : AppendOutcome.Appended, entry.Info, null, fill.Taken);
    }

    private static void Hash(S3UploadEntry entry, ChunkVerifier? verifier, ReadOnlySpan<byte> bytes)
    {
        verifier?.Append(bytes);
        if (entry.Digest is { } digest)
        {
            digest.AppendData(bytes);
            entry.DigestOffset += bytes.Length;
        }
    }

    /// <summary>Sends the full buffer as the next part; without a chunk check the record then moves forward (the tail it named
    /// is inside that part now).</summary>
    private async Task SendPartAsync(S3UploadEntry entry, PartFill fill, bool commit)
    {
        var part = await UploadPartAsync(entry, fill.NextPartNumber, fill.Buffer, fill.Filled).ConfigureAwait(false);
        fill.Sent(part);
        if (commit)
        {
            await CommitAsync(entry, fill, tailKey: null, tailLength: 0).ConfigureAwait(false);
        }
    }

    /// <summary>At the end of a request: a now complete upload gets its last part and is joined (or, never having needed a
    /// part, is written as one object); otherwise the bytes short of a part become the new tail. Then the record acknowledges
    /// everything.</summary>
    private async Task FinishAsync(S3UploadEntry entry, PartFill fill)
    {
        var complete = entry.Info.Length is long length && fill.StartOffset + fill.Taken == length;
        if (fill.Taken == 0 && !fill.HasUnrecordedParts)
        {
            if (complete)
            {
                await JoinAsync(entry).ConfigureAwait(false);
            }
            return;
        }
        if (complete && entry.Record.MultipartId is null)
        {
            await PutDataAsync(entry, fill.Buffer, fill.Filled).ConfigureAwait(false);
            await CommitAsync(entry, fill, tailKey: null, tailLength: 0, joined: true).ConfigureAwait(false);
            return;
        }
        string? tailKey = null;
        var tailLength = 0;
        if (fill.Filled > 0)
        {
            if (complete)
            {
                await SendPartAsync(entry, fill, commit: false).ConfigureAwait(false);
            }
            else
            {
                tailKey = await PutTailAsync(entry, fill.TailSequence, fill.Buffer, fill.Filled).ConfigureAwait(false);
                tailLength = fill.Filled;
            }
        }
        await CommitAsync(entry, fill, tailKey, tailLength).ConfigureAwait(false);
        if (complete)
        {
            await JoinAsync(entry).ConfigureAwait(false);
        }
    }

    /// <summary>Records the parts sent so far and the tail: the new offset is acknowledged only now, with S3 holding every byte.</summary>
    private async Task CommitAsync(S3UploadEntry entry, PartFill fill, string? tailKey, int tailLength, bool joined = false)
    {
        var before = entry.Record;
        var record = fill.Record(before, tailKey, tailLength) with
        {
            Info = before.Info with { Offset = fill.StartOffset + fill.Taken, ExpiresAt = NextExpiry() ?? before.Info.ExpiresAt },
        };
        if (joined)
        {
            record = record with { Joined = true, MultipartId = null, Parts = [] };
        }
        await SaveAsync(entry, record).ConfigureAwait(false);
        fill.Committed();
        if (before.TailKey is { } old && old != tailKey)
        {
            await DeleteObjectAsync(old).ConfigureAwait(false);
        }
    }

    private static async Task<bool> IsEmptyAsync(PipeReader body, CancellationToken cancellation)
    {
        var read = await body.ReadAsync(cancellation).ConfigureAwait(false);
        var empty = read.Buffer.IsEmpty && read.IsCompleted;
        body.AdvanceTo(read.Buffer.Start);
        return empty;
    }
}
