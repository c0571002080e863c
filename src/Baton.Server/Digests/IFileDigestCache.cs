namespace Baton.Server.Digests;

/// <summary>
/// SHA-256 digests of served files, keyed by file version (path + identity), so <c>Repr-Digest</c> never needs a file re-read
/// on the request path. Uploads record the digest they computed while receiving; other files are hashed in the background.
/// </summary>
public interface IFileDigestCache
{
    /// <summary>Records the SHA-256 of the file that is now at <paramref name="fullPath"/> (as it is on disk at this moment).</summary>
    void Record(string fullPath, byte[] sha256);

    /// <summary>The SHA-256 of the current version of <paramref name="file"/>, when known.</summary>
    bool TryGet(FileInfo file, out byte[] sha256);
}
