using Baton.Server.Files;

namespace Baton.Server.Digests;

/// <summary>
/// SHA-256 digests of served files, keyed by file version (path + <see cref="FileVersion.ETag"/>), so <c>Repr-Digest</c> never needs
/// a file re-read on the request path. Uploads record the digest they computed while receiving; other files are hashed in the
/// background (or inline when small).
/// </summary>
public interface IFileDigestCache
{
    /// <summary>Records the SHA-256 of the file that is now at <paramref name="fullPath"/> (as it is on disk at this moment).</summary>
    void Record(string fullPath, byte[] sha256);

    /// <summary>Records a digest computed from an open handle, for the version that handle showed.</summary>
    void Store(string fullPath, FileVersion version, byte[] sha256);

    /// <summary>The SHA-256 of <paramref name="fullPath"/> at <paramref name="version"/>, when known.</summary>
    bool TryGet(string fullPath, FileVersion version, out byte[] sha256);

    /// <summary>Forgets the digest of a deleted file.</summary>
    void Forget(string fullPath);
}
