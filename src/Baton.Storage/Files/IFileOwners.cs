namespace Baton.Storage.Files;

/// <summary>Who uploaded each stored file, keyed by root-relative name, so quotas can count a caller's bytes across restarts.
/// A record whose file is gone no longer counts.</summary>
public interface IFileOwners
{
    void Record(string name, string owner);

    string? OwnerOf(string name);

    void Forget(string name);

    /// <summary>Bytes of the stored files <paramref name="owner"/> uploaded that still exist.</summary>
    long BytesOwnedBy(string owner);
}
