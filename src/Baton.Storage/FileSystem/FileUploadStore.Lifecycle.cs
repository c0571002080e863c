using Baton.Shared;

namespace Baton.Storage.FileSystem;

public sealed partial class FileUploadStore
{
    public async Task<TerminationOutcome> TerminateAsync(string id, CancellationToken cancellation)
    {
        // A DELETE stops a running append (the lock's takeover) rather than waiting behind it.
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        var lookup = await FindAsync(id, cancellation).ConfigureAwait(false);
        switch (lookup.Presence)
        {
            case UploadPresence.NotFound:
                return TerminationOutcome.NotFound;
            case UploadPresence.Gone:
                return TerminationOutcome.Gone;
        }
        if (lease is null)
        {
            return TerminationOutcome.Locked;
        }
        Remove(id);
        return TerminationOutcome.Terminated;
    }

    public async Task<bool> DeclareLengthAsync(string id, long length, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is null || (await FindAsync(id, cancellation).ConfigureAwait(false)).Info is not { } info)
        {
            return false;
        }
        if (info.Length is long known)
        {
            return known == length;
        }
        if (length < info.Offset)
        {
            return false;
        }
        Save(_entries[id], info with { Length = length });
        return true;
    }

    public async Task<byte[]?> DigestAsync(string id, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is null || (await FindAsync(id, cancellation).ConfigureAwait(false)).Info is not { IsComplete: true } info)
        {
            return null;
        }
        return info.Sha256 ?? await CompletedDigestAsync(_entries[id], info, cancellation).ConfigureAwait(false);
    }

    /// <summary>The running digest when it covers the whole upload, else one pass over the file; kept for placement.</summary>
    private async Task<byte[]> CompletedDigestAsync(UploadEntry entry, UploadInfo info, CancellationToken cancellation)
    {
        if (entry.CompletedSha256 is null)
        {
            entry.CompletedSha256 = entry.Digest is { } digest && digest.Offset == info.Offset
                ? digest.Finish()
                : await RunningDigest.HashFileAsync(DataPath(info.Id), cancellation).ConfigureAwait(false);
            entry.DropDigest();
        }
        return entry.CompletedSha256;
    }

    public async Task<UploadInfo?> PlaceAsync(string id, IEnumerable<string> candidates, bool replace, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is null || (await FindAsync(id, cancellation).ConfigureAwait(false)).Info is not { IsComplete: true } info)
        {
            return null;
        }
        if (info.PlacedPath is not null)
        {
            return info;
        }
        var entry = _entries[id];
        var data = DataPath(id);
        var sha256 = await CompletedDigestAsync(entry, info, cancellation).ConfigureAwait(false);
        string? placed = null;
        foreach (var candidate in candidates)
        {
            if (!replace && File.Exists(candidate))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(candidate)!);
            // The intent first: a crash after the rename but before the record below is finished by the next load.
            Save(entry, info with { PlacingPath = candidate, Sha256 = sha256 });
            try
            {
                // Same file system: an atomic rename; without replace it never clobbers a file that appeared meanwhile.
                File.Move(data, candidate, overwrite: replace);
                placed = candidate;
                break;
            }
            catch (IOException) when (!replace && File.Exists(candidate))
            {
            }
        }
        if (placed is null)
        {
            return null;
        }
        if (Durable)
        {
            DirectorySync.Flush(Path.GetDirectoryName(placed)!);
        }
        Save(entry, info with
        {
            PlacedPath = placed, PlacingPath = null, Unsettled = true, Sha256 = sha256, ExpiresAt = NextExpiry() ?? info.ExpiresAt,
        });
        return entry.Info;
    }

    public async IAsyncEnumerable<UploadInfo> UnfinishedAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        foreach (var path in Directory.EnumerateFiles(_options.Folder, "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            if ((await FindAsync(id, cancellation).ConfigureAwait(false)).Info is { } info
                && ((info.IsComplete && info.PlacedPath is null && info.Kind != UploadKind.Partial) || info.Unsettled))
            {
                yield return info;
            }
        }
    }

    public async Task SettleAsync(string id, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is not null && (await FindAsync(id, cancellation).ConfigureAwait(false)).Info is { Unsettled: true } info)
        {
            Save(_entries[id], info with { Unsettled = false });
        }
    }

    public async Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellation)
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(_options.Folder))
        {
            cancellation.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var id = dot >= 0 ? name[..dot] : name;
            if (!UploadIds.IsWellFormed(id))
            {
                continue;
            }
            if (name.EndsWith(".json", StringComparison.Ordinal))
            {
                var info = _entries.TryGetValue(id, out var entry) ? entry.Info : RecordFile.Read(path);
                if (info?.ExpiresAt is not { } at || at >= now)
                {
                    continue;
                }
                await using var lease = await _locks.TryAcquireAsync(id, CancellationToken.None).ConfigureAwait(false);
                if (lease is not null)
                {
                    Remove(id);
                    removed++;
                }
            }
            else if ((name.EndsWith(".tmp", StringComparison.Ordinal) || !File.Exists(RecordPath(id)))
                && File.GetLastWriteTimeUtc(path) < now.UtcDateTime - (_options.Expiration ?? TimeSpan.FromDays(1)))
            {
                // Leftovers of a crash mid-write (.tmp records) or of a removal cut short (.data without record).
                File.Delete(path);
            }
        }
        return removed;
    }
}
