using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Baton.Protocol.Validators;

namespace Baton.Protocol.Archives;

/// <summary>
/// The archive's entity tag (RFC 9110 §8.8.3). Everything that decides the archive's bytes goes in: a format version (bumped
/// whenever the layout rules change, so no client resumes across a layout change), then per entry its name, kind, length,
/// modification time (UTC ticks) and own validator — which stands for the data and hence its CRC-32. SHA-256 rather than a
/// fast hash: entry names are chosen by users, and a crafted collision would let If-Range splice two different archives.
/// </summary>
internal static class ZipArchiveTag
{
    /// <summary>The layout rules' version; part of every tag.</summary>
    private const string FormatVersion = "baton-zip/1";

    private const int TagBytes = 18; // 144 bits: 24 base64url characters

    public static EntityTag Compute(IReadOnlyList<ZipEntry> entries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(FormatVersion));
        Span<byte> fixedPart = stackalloc byte[1 + 8 + 8 + 1];
        var weak = false;
        foreach (var entry in entries)
        {
            AppendTerminated(hash, entry.Name);
            fixedPart[0] = entry.IsFolder ? (byte)'d' : (byte)'f';
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart[1..], entry.Length);
            BinaryPrimitives.WriteInt64LittleEndian(fixedPart[9..], entry.LastModified.UtcTicks);
            fixedPart[17] = entry.Validator.IsWeak ? (byte)1 : (byte)0;
            hash.AppendData(fixedPart);
            AppendTerminated(hash, entry.Validator.Opaque ?? "");
            weak |= entry.Validator.IsWeak;
        }
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new EntityTag("\"zip-" + Base64Url.EncodeToString(digest[..TagBytes]) + "\"", weak);
    }

    /// <summary>Names and tags never hold NUL (names are checked; tags are etagc), so a NUL ends each unambiguously.</summary>
    private static void AppendTerminated(IncrementalHash hash, string value)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length) + 1);
        var length = Encoding.UTF8.GetBytes(value, buffer);
        buffer[length] = 0;
        hash.AppendData(buffer, 0, length + 1);
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
