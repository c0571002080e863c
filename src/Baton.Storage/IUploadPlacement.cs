namespace Baton.Storage;

/// <summary>Moves a completed upload's data out of the store, to become an ordinary file.</summary>
public interface IUploadPlacement
{
    /// <summary>
    /// Moves the data of complete upload <paramref name="id"/> to the first of <paramref name="candidates"/> that does not exist
    /// (or to the first, replacing it, when <paramref name="replace"/>), atomically, and records where it went and its SHA-256.
    /// Returns the upload's state afterwards; already placed uploads are returned unchanged.
    /// </summary>
    /// <summary>The SHA-256 of complete upload <paramref name="id"/> (computed while receiving when possible), or null when it
    /// is not complete. Lets a caller verify an expected digest before placing.</summary>
    Task<byte[]?> DigestAsync(string id, CancellationToken cancellation);

    Task<UploadInfo?> PlaceAsync(string id, IEnumerable<string> candidates, bool replace, CancellationToken cancellation);
}
