using Baton.Storage.S3.Files;

namespace Baton.Storage.S3.Uploads;

/// <summary>
/// Adoption on S3 (issue 15): an empty upload gets the stored object's bytes by a server-side copy to <c>ID.data</c>, conditioned
/// on the verified version's ETag (a replacement in between fails the copy, 412, and nothing is adopted); placement then copies
/// it to its name as for any upload. S3 has no links and no reference counts, so every name is its own object: a complete
/// upload is not "shared" (its placement is already one server-side copy), and deleting one name can never harm another
/// (docs/storage-s3.md §Instant uploads).
/// </summary>
public sealed partial class S3UploadStore : IUploadAdoption
{
    public bool SharesCompleteUploads => false;

    public async Task<UploadInfo?> AdoptAsync(string id, StoredContent source, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is null || (await LoadLockedAsync(id, cancellation).ConfigureAwait(false)).Entry is not { } entry
            || entry.Info is not { PlacedPath: null, Offset: 0 } info || info.Kind == UploadKind.Partial
            || info.Length != source.Version.Length || source.Version.Length == 0
            || entry.Record is not { MultipartId: null, TailKey: null })
        {
            return null;
        }
        if (!await new S3ObjectCopy(_s3).CopyVersionAsync(_s3.Keys.File(source.Name), _s3.Keys.Data(id), source.Version.Length,
                S3Versions.S3ETag(source.Version)).ConfigureAwait(false))
        {
            return null;
        }
        entry.DropDigest();
        entry.CompletedSha256 = source.Sha256;
        // A crash before this record leaves ID.data unacknowledged: the next append overwrites it, expiry removes it.
        await SaveAsync(entry, entry.Record with
        {
            Info = info with { Offset = source.Version.Length, Sha256 = source.Sha256 },
            Joined = true,
        }).ConfigureAwait(false);
        return entry.Info;
    }
}
