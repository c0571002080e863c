using System.Buffers.Binary;
using System.IO.Hashing;
using Baton.Protocol.Validators;

namespace Baton.Server.Files;

/// <summary>
/// A file's version as validators (RFC 9110 §8.8): a strong ETag derived from device, inode, size and nanosecond mtime — so any
/// write, truncation or replacement yields a new tag, not just a change of size or whole second — and Last-Modified.
/// </summary>
public readonly record struct FileVersion(long Length, DateTimeOffset LastModified, EntityTag ETag)
{
    public static FileVersion From(in FileStatus status)
    {
        Span<byte> key = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64LittleEndian(key, status.Device);
        BinaryPrimitives.WriteUInt64LittleEndian(key[8..], status.Inode);
        BinaryPrimitives.WriteInt64LittleEndian(key[16..], status.Length);
        BinaryPrimitives.WriteInt64LittleEndian(key[24..], status.ModifiedUnixNanoseconds);
        // A hash keeps inode numbers out of headers; XxHash128 is stable across processes and machines.
        var tag = Convert.ToHexStringLower(XxHash128.Hash(key));
        return new FileVersion(status.Length, status.LastModified, EntityTag.Strong(tag));
    }
}
