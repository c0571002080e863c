namespace Baton.Storage;

/// <summary>
/// An upload takes the bytes of a stored file instead of receiving them (issue 15): instant completion and silent dedupe. Disk
/// hard-links the file (one inode, two names; deleting one never harms the other); S3 copies it server-side.
/// </summary>
public interface IUploadAdoption
{
    /// <summary>Whether a complete upload can share a stored file's storage (disk: yes, a hard link; S3: no, placement copies anyway),
    /// so looking for identical content before placement is worth it.</summary>
    bool SharesCompleteUploads { get; }

    /// <summary>
    /// Upload <paramref name="id"/> takes <paramref name="source"/>'s bytes as its data, if the file is still at
    /// <c>source.Version</c> (checked on what was actually taken, so a replacement in between is never adopted):
    /// an empty upload (offset 0) whose length is the file's becomes complete with the file's SHA-256; a complete, unplaced upload
    /// with the same SHA-256 and length shares the file's storage instead of its own copy (where the backend can share).
    /// Returns the upload's state afterwards, or null when nothing was adopted (the upload is unchanged).
    /// </summary>
    Task<UploadInfo?> AdoptAsync(string id, StoredContent source, CancellationToken cancellation);
}
