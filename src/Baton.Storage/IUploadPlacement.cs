namespace Baton.Storage;

/// <summary>Moves a completed upload's data out of the store, to become an ordinary file.</summary>
public interface IUploadPlacement
{
    /// <summary>
    /// Moves the data of complete upload <paramref name="id"/> to the first of <paramref name="candidates"/> that does not exist
    /// (or to the first, replacing it, when <paramref name="replace"/>), atomically, and records where it went and its SHA-256.
    /// Returns the upload's state afterwards; already placed uploads are returned unchanged.
    /// </summary>
    Task<UploadInfo?> PlaceAsync(string id, IEnumerable<string> candidates, bool replace, CancellationToken cancellation);
}
