using System.Buffers.Binary;
using System.IO.Hashing;
using Baton.Protocol.Validators;
using Baton.Storage.Files;

namespace Baton.Storage.FileSystem.Files;

/// <summary>
/// A disk file's <see cref="FileVersion"/>: the ETag is derived from device, inode, size and nanosecond mtime — so any write,
/// truncation or replacement by rename yields a new tag, not just a change of size or whole second. File systems stamp mtime
/// with a coarse clock (a few milliseconds), so a same-size rewrite inside one tick keeps its mtime: while a file was modified
/// less than <see cref="SettleTime"/> ago its tag is weak (RFC 9110 §8.8.1, as Apache does), and a weak tag never satisfies
/// If-Range — a resumed download of a file still being written gets a fresh 200, never a splice.
/// </summary>
internal static class DiskVersions
{
    /// <summary>How long after its last modification a file's validators count as strong.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    public static FileVersion From(in DiskStatus status, DateTimeOffset now)
    {
        Span<byte> key = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64LittleEndian(key, status.Device);
        BinaryPrimitives.WriteUInt64LittleEndian(key[8..], status.Inode);
        BinaryPrimitives.WriteInt64LittleEndian(key[16..], status.Length);
        BinaryPrimitives.WriteInt64LittleEndian(key[24..], status.ModifiedUnixNanoseconds);
        // A hash keeps inode numbers out of headers; XxHash128 is stable across processes and machines.
        var tag = Convert.ToHexStringLower(XxHash128.Hash(key));
        var settled = now - status.LastModified >= SettleTime;
        return new FileVersion(status.Length, status.LastModified, new EntityTag('"' + tag + '"', IsWeak: !settled));
    }
}
