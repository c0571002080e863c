namespace Baton.Storage;

/// <summary>
/// The core every upload store implements: create, find, append. Optional abilities are separate interfaces
/// (<see cref="IUploadTermination"/>, <see cref="IUploadConcatenation"/>, <see cref="IUploadLengthDeferral"/>,
/// <see cref="IUploadPlacement"/>, <see cref="IUploadExpiry"/>) discovered once through <see cref="StoreCapabilities"/>
/// and advertised as tus extensions — the shape of tusd's DataStore and StoreComposer.
/// </summary>
public interface IUploadStore
{
    Task<UploadInfo> CreateAsync(NewUpload upload, CancellationToken cancellation);

    Task<UploadLookup> FindAsync(string id, CancellationToken cancellation);

    /// <summary>Appends under the upload's lock; the offset is checked under the lock, so concurrent appends at one offset
    /// have exactly one winner.</summary>
    Task<AppendResult> AppendAsync(string id, AppendRequest request, CancellationToken cancellation);
}
