namespace Baton.Storage.S3.Uploads;

public sealed partial class S3UploadStore
{
    public async Task<UploadInfo?> CreateFinalAsync(NewUpload upload, IReadOnlyList<string> partialIds, CancellationToken cancellation)
    {
        var partials = new List<UploadInfo?>(partialIds.Count);
        foreach (var partialId in partialIds)
        {
            partials.Add((await FindAsync(partialId, cancellation).ConfigureAwait(false)).Info);
        }
        if (!FinalUploadPlan.TryPlan(partials, upload.Owner, upload.Scope, out var length))
        {
            return null;
        }
        var final = await CreateAsync(upload with { Kind = UploadKind.Final, Length = length }, cancellation).ConfigureAwait(false);
        foreach (var partialId in partialIds.Distinct(StringComparer.Ordinal))
        {
            await using var lease = await _locks.AcquireAsync(partialId, cancellation).ConfigureAwait(false);
            if (lease is not null && await FindLockedAsync(partialId, cancellation).ConfigureAwait(false) is (_, { } entry)
                && !entry.Info.IsComplete)
            {
                // concatenation-unfinished: the partial remembers who waits for it.
                await SaveAsync(entry, entry.Record with { Info = entry.Info with { FinalIds = [.. entry.Info.FinalIds, final.Id] } })
                    .ConfigureAwait(false);
            }
        }
        await using (var lease = await _locks.AcquireAsync(final.Id, cancellation).ConfigureAwait(false))
        {
            if (lease is not null && await FindLockedAsync(final.Id, cancellation).ConfigureAwait(false) is (_, { } entry))
            {
                await SaveAsync(entry, entry.Record with { Info = entry.Info with { PartialIds = partialIds } }).ConfigureAwait(false);
            }
        }
        return await TryFinishAsync(final.Id, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Joins the partials server-side once all are complete: whole parts are <c>UploadPartCopy</c> ranges of the partials'
    /// objects; only where a partial's bytes do not line up with the part size are they read through the part buffer, so the
    /// final's parts stay equal-sized. The final's SHA-256 is computed from S3 when it is first asked for.
    /// </summary>
    public async Task<UploadInfo?> TryFinishAsync(string finalId, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(finalId, cancellation).ConfigureAwait(false);
        if (lease is null)
        {
            return (await FindAsync(finalId, cancellation).ConfigureAwait(false)).Info;
        }
        var (lookup, entry) = await FindLockedAsync(finalId, cancellation).ConfigureAwait(false);
        if (entry is null || lookup.Info is not { Kind: UploadKind.Final } final || final.Offset > 0 || final.PlacedPath is not null
            || (final.IsComplete && final.PartialIds.Count > 0 && final.Length > 0))
        {
            return lookup.Info;
        }
        var partials = new List<S3UploadEntry>();
        foreach (var partialId in final.PartialIds)
        {
            // Joining writes the partial's record: under its lock too (always taken after the final's, never the other way).
            await using var partialLease = await _locks.AcquireAsync(partialId, cancellation).ConfigureAwait(false);
            if (partialLease is null
                || await FindLockedAsync(partialId, cancellation).ConfigureAwait(false) is not (_, { Info.IsComplete: true } partial))
            {
                return final;
            }
            await JoinAsync(partial).ConfigureAwait(false);
            partials.Add(partial);
        }
        using var buffer = await _buffers.RentAsync(cancellation).ConfigureAwait(false);
        var fill = new PartFill(entry.Record, buffer.Array, _buffers.PartSize);
        var partSize = _buffers.PartSize;
        foreach (var partial in partials)
        {
            var source = _s3.Keys.Data(partial.Info.Id);
            var length = partial.Info.Offset;
            long offset = 0;
            while (offset < length)
            {
                if (fill.Filled == 0 && length - offset >= partSize)
                {
                    fill.Sent(await CopyPartAsync(entry, fill.NextPartNumber, source, offset, partSize).ConfigureAwait(false));
                    fill.Advance(partSize);
                    offset += partSize;
                    continue;
                }
                var count = (int)Math.Min(partSize - fill.Filled, length - offset);
                await ReadIntoAsync(source, offset, buffer.Array, fill.Filled, count, cancellation).ConfigureAwait(false);
                fill.Added(count);
                offset += count;
                if (fill.IsFull)
                {
                    await SendPartAsync(entry, fill, commit: false).ConfigureAwait(false);
                }
            }
        }
        var total = partials.Sum(p => p.Info.Offset);
        entry.Record = entry.Record with { Info = entry.Info with { Length = total } };
        entry.DropDigest();
        await FinishAsync(entry, fill).ConfigureAwait(false);
        return entry.Info;
    }
}
