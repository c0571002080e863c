namespace Baton.Storage.FileSystem;

public sealed partial class FileUploadStore
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
            if (lease is not null && _entries.TryGetValue(partialId, out var entry) && !entry.Info.IsComplete)
            {
                // concatenation-unfinished: the partial remembers who waits for it.
                Save(entry, entry.Info with { FinalIds = [.. entry.Info.FinalIds, final.Id] });
            }
        }
        final = final with { PartialIds = partialIds };
        await using (var lease = await _locks.AcquireAsync(final.Id, cancellation).ConfigureAwait(false))
        {
            Save(_entries[final.Id], final);
        }
        return await TryFinishAsync(final.Id, cancellation).ConfigureAwait(false);
    }

    public async Task<UploadInfo?> TryFinishAsync(string finalId, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(finalId, cancellation).ConfigureAwait(false);
        var lookup = await FindAsync(finalId, cancellation).ConfigureAwait(false);
        if (lease is null || lookup.Info is not { Kind: UploadKind.Final } final || final.Offset > 0 || final.PlacedPath is not null
            || (final.IsComplete && final.PartialIds.Count > 0 && final.Length > 0))
        {
            return lookup.Info;
        }
        var partials = new List<UploadInfo>();
        foreach (var partialId in final.PartialIds)
        {
            var partial = (await FindAsync(partialId, cancellation).ConfigureAwait(false)).Info;
            if (partial is null)
            {
                return final;
            }
            if (!partial.IsComplete)
            {
                return final;
            }
            partials.Add(partial);
        }
        // Join with a pooled copy buffer, fsync, then record the final as complete — the same order as any append.
        await using (var target = new FileStream(DataPath(finalId), FileMode.Create, FileAccess.Write, FileShare.Read, 1))
        {
            foreach (var partial in partials)
            {
                await using var source = new FileStream(DataPath(partial.Id), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                await source.CopyToAsync(target, 1024 * 1024, cancellation).ConfigureAwait(false);
            }
            if (Durable)
            {
                target.Flush(flushToDisk: true);
            }
        }
        var total = partials.Sum(p => p.Offset);
        var entry = _entries[finalId];
        Save(entry, final with { Length = total, Offset = total, ExpiresAt = NextExpiry() ?? final.ExpiresAt });
        return entry.Info;
    }
}
