namespace Baton.Storage.Files;

/// <summary>
/// Stored SHA-256 digests per file version, keyed by root-relative name (<c>a/b.bin</c>), so <c>Repr-Digest</c> (RFC 9530) never
/// needs a file re-read on the request path. A digest is only ever returned for the version it was computed for.
/// Disk keeps them in <c>.baton/digests</c>; an object store keeps them in object metadata.
/// </summary>
public interface IFileDigests
{
    /// <summary>Records the SHA-256 of the file that is now at <paramref name="name"/> (its writer computed it while writing).</summary>
    void Record(string name, byte[] sha256);

    /// <summary>Records a digest computed from an opened version.</summary>
    void Store(string name, FileVersion version, byte[] sha256);

    /// <summary>The SHA-256 of <paramref name="name"/> at <paramref name="version"/>, when known.</summary>
    bool TryGet(string name, FileVersion version, out byte[] sha256);

    /// <summary>Forgets the digest of a deleted file.</summary>
    void Forget(string name);
}
