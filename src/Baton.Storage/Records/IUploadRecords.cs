namespace Baton.Storage.Records;

/// <summary>
/// Where a backend keeps its upload records: one per upload, the backend's own state as JSON, replaced whole by each save. The
/// default is the backend's own storage (S3: the object <c>.baton/uploads/ID.json</c>); in cluster mode every instance shares
/// one implementation in PostgreSQL, the single source of truth (docs/cluster.md). A store re-reads the record on every request
/// and writes it only under the upload's lock, after the storage acknowledged the bytes it describes.
/// </summary>
public interface IUploadRecords
{
    /// <summary>The record of <paramref name="id"/> and its version, or why there is none (never existed, or removed).</summary>
    Task<UploadRecordLookup> LoadAsync(string id, CancellationToken cancellation);

    /// <summary>
    /// Replaces the record atomically and returns its new version. <paramref name="basedOn"/> is the version the caller loaded
    /// (0 for a new upload): when another writer saved in between, or the upload was removed, nothing is written and
    /// <see cref="UploadRecordConflictException"/> is thrown — a writer that lost its lock can never overwrite its successor.
    /// <paramref name="info"/> is the summary the record holds, kept beside it for queries (expiry).
    /// </summary>
    Task<long> SaveAsync(UploadInfo info, ReadOnlyMemory<byte> record, long basedOn, CancellationToken cancellation);

    /// <summary>Removes the record; true only for the one call that removed it. Afterwards the id loads as gone.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellation);

    /// <summary>Every recorded upload (start-up recovery).</summary>
    IAsyncEnumerable<string> IdsAsync(CancellationToken cancellation);

    /// <summary>Uploads whose expiry is before <paramref name="now"/>: candidates only — the sweep re-reads each under its lock.</summary>
    IAsyncEnumerable<string> ExpiredAsync(DateTimeOffset now, CancellationToken cancellation);
}
