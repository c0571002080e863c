using Baton.Shared;
using Baton.Storage.FileSystem.Files;

namespace Baton.Storage.FileSystem;

/// <summary>
/// Adoption on disk (issue 15): the stored file is hard-linked to <c>ID.share</c>, the link checked to be the verified version
/// (same device, inode, size and mtime: the version's tag), then renamed over <c>ID.data</c> — so the upload's data and the stored
/// file are one inode, and placement (a rename) makes the new name a second name of it. Deleting either name leaves the other
/// intact; nothing ever writes into a complete upload's data (<see cref="AppendAsync"/>), and a shared data file is never
/// truncated (<see cref="Recover"/>).
/// </summary>
public sealed partial class FileUploadStore : IUploadAdoption
{
    /// <summary>The root whose files uploads may adopt (hard links need the same file system); null disables adoption.</summary>
    public DiskRoot? SharedRoot { get; init; }

    public bool SharesCompleteUploads => SharedRoot is not null;

    private string SharePath(string id) => Path.Combine(_options.Folder, id + ".share");

    public async Task<UploadInfo?> AdoptAsync(string id, StoredContent source, CancellationToken cancellation)
    {
        if (SharedRoot is null)
        {
            return null;
        }
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is null || (await FindAsync(id, cancellation).ConfigureAwait(false)).Info is not { PlacedPath: null } info
            || info.Kind == UploadKind.Partial || source.Version.Length == 0)
        {
            return null;
        }
        var entry = _entries[id];
        var fill = info.Offset == 0 && info.Length == source.Version.Length;
        var share = !fill && info.IsComplete && info.Offset == source.Version.Length
            && (await CompletedDigestAsync(entry, info, cancellation).ConfigureAwait(false)).AsSpan().SequenceEqual(source.Sha256);
        if ((!fill && !share) || SharedRoot.Resolve(source.Name) is not { } real)
        {
            return null;
        }
        var temp = SharePath(id);
        File.Delete(temp);
        if (!HardLink.TryCreate(real, temp))
        {
            return null;
        }
        // What was linked must be the version whose digest was verified: a replacement in between is a new inode or mtime.
        if (DiskStatus.OfPath(temp) is not { IsRegularFile: true } linked
            || DiskVersions.From(linked, _time.GetUtcNow()).ETag.Opaque != source.Version.ETag.Opaque)
        {
            File.Delete(temp);
            return null;
        }
        if (fill)
        {
            // The record first: a crash before the rename leaves ID.share, which the next load renames into place.
            entry.DropDigest();
            entry.CompletedSha256 = source.Sha256;
            Save(entry, info with { Offset = source.Version.Length, Sha256 = source.Sha256 });
        }
        File.Move(temp, DataPath(id), overwrite: true);
        if (Durable)
        {
            DirectorySync.Flush(_options.Folder);
        }
        return entry.Info;
    }

    /// <summary>After a crash inside <see cref="AdoptAsync"/>: an <c>ID.share</c> whose record already says complete is put in place;
    /// any other is dropped (the record never acknowledged it).</summary>
    private void FinishSharing(UploadInfo info)
    {
        var share = new FileInfo(SharePath(info.Id));
        if (!share.Exists)
        {
            return;
        }
        if (info is { IsComplete: true, PlacedPath: null } && share.Length == info.Offset)
        {
            File.Move(share.FullName, DataPath(info.Id), overwrite: true);
        }
        else
        {
            share.Delete();
        }
    }
}
