using Baton.Protocol.Paths;
using Baton.Storage;
using Baton.Storage.Files;

namespace Baton.Server.Files;

/// <summary>
/// Keeps a single file's digest and content-index entry with its name when the Files API moves or deletes it (issue 15 item 1).
/// The index is verified at every lookup anyway (<see cref="Uploads.Instant.ContentLookup"/>), so this only keeps it useful: a
/// moved file stays findable under its new name, a deleted one stops being a candidate. Files below a moved folder are not
/// followed (their entries fail verification and are dropped; their content is found again once uploaded again).
/// </summary>
public sealed class ContentTracking(IFileSource files, IFileDigests digests, IContentIndex index)
{
    /// <summary>The content of the file at <paramref name="name"/> when it is a file whose digest is known; null otherwise.</summary>
    public async Task<StoredContent?> BeforeChangeAsync(RelativePath name, CancellationToken cancellation) =>
        await files.StatAsync(name, cancellation) is { Kind: FileKind.File, Version: { } version }
        && digests.TryGet(name.ToString(), version, out var sha256)
            ? new StoredContent(name, version, sha256)
            : null;

    /// <summary>The file <paramref name="before"/> now lives at <paramref name="to"/>: its digest (disk keeps it per name) and index
    /// entry follow when the moved file is still the same content length.</summary>
    public async Task MovedAsync(StoredContent before, RelativePath to, CancellationToken cancellation)
    {
        digests.Forget(before.Name.ToString());
        await index.RemoveAsync(before.Key, before.Name, cancellation);
        if (await files.StatAsync(to, cancellation) is { Kind: FileKind.File, Version: { } version } && version.Length == before.Version.Length)
        {
            // A rename keeps the bytes (disk: same inode; S3: a copy of that version), so the digest still describes them.
            digests.Store(to.ToString(), version, before.Sha256);
            await index.AddAsync(before.Key, to, cancellation);
        }
    }

    /// <summary>The file <paramref name="before"/> was deleted.</summary>
    public Task DeletedAsync(StoredContent before, CancellationToken cancellation) => index.RemoveAsync(before.Key, before.Name, cancellation);
}
