namespace Baton.Storage;

/// <summary>tus expiration: uploads not touched for a while are removed.</summary>
public interface IUploadExpiry
{
    /// <summary>Removes every upload whose expiry is before <paramref name="now"/> (skipping ones being written); returns how many.</summary>
    Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellation);
}
