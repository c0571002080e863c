using System.Collections.Concurrent;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>
/// SHA-256 digests of served objects. The durable copy is the object's own metadata (<c>x-amz-meta-baton-sha256</c>, written when
/// an upload is placed), read with every <c>HeadObject</c> the file source makes; this holds them per name and ETag, so a digest
/// is only ever returned for the version it describes. Digests computed later for files written by others stay in memory (S3 cannot
/// add metadata to an object without rewriting it, which would change its validators).
/// </summary>
public sealed class S3FileDigests : IFileDigests
{
    private readonly ConcurrentDictionary<string, (string ETag, byte[] Sha256)> _known = new(StringComparer.Ordinal);

    /// <summary>The placed object's version is not known here; the store records it with <see cref="Store"/> when it places.</summary>
    public void Record(string name, byte[] sha256)
    {
    }

    public void Store(string name, FileVersion version, byte[] sha256) => _known[name] = (version.ETag.Opaque, sha256);

    public bool TryGet(string name, FileVersion version, out byte[] sha256)
    {
        if (_known.TryGetValue(name, out var known) && known.ETag == version.ETag.Opaque)
        {
            sha256 = known.Sha256;
            return true;
        }
        sha256 = [];
        return false;
    }

    public void Forget(string name) => _known.TryRemove(name, out _);

    /// <summary>A file was moved: a digest held only here moves along. It still counts only for the same ETag, which a
    /// single-part <c>CopyObject</c> keeps (the MD5 of the bytes) and a multipart copy does not.</summary>
    internal void Move(string from, string to)
    {
        if (_known.TryRemove(from, out var known))
        {
            _known[to] = known;
        }
        else
        {
            _known.TryRemove(to, out _);
        }
    }
}
