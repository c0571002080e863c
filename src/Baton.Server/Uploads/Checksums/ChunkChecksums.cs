using System.IO.Hashing;
using System.Security.Cryptography;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Storage;

namespace Baton.Server.Uploads.Checksums;

/// <summary>
/// tus checksum extension: verifiers for <c>sha1</c>, <c>md5</c>, <c>sha256</c>, <c>sha512</c> and <c>crc32</c>
/// (crc32 as the 4 big-endian bytes of the IEEE CRC-32, as tusd and the tus reference clients encode it).
/// </summary>
public static class ChunkChecksums
{
    /// <summary>A verifier comparing the chunk against <paramref name="checksum"/> (its algorithm must be supported).</summary>
    public static ChunkVerifier Verifier(UploadChecksum checksum) => async (chunk, cancellation) =>
    {
        var actual = await ComputeAsync(checksum.Algorithm, chunk, cancellation).ConfigureAwait(false);
        return CryptographicOperations.FixedTimeEquals(actual, checksum.Expected) ? null : ProtocolErrors.ChecksumMismatch;
    };

    public static async Task<byte[]> ComputeAsync(string algorithm, Stream data, CancellationToken cancellation)
    {
        switch (algorithm)
        {
            case "sha1":
                return await SHA1.HashDataAsync(data, cancellation).ConfigureAwait(false);
            case "md5":
                return await MD5.HashDataAsync(data, cancellation).ConfigureAwait(false);
            case "sha256":
                return await SHA256.HashDataAsync(data, cancellation).ConfigureAwait(false);
            case "sha512":
                return await SHA512.HashDataAsync(data, cancellation).ConfigureAwait(false);
            case "crc32":
                var crc = new Crc32();
                await crc.AppendAsync(data, cancellation).ConfigureAwait(false);
                var bigEndian = new byte[4];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bigEndian, crc.GetCurrentHashAsUInt32());
                return bigEndian;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unsupported checksum algorithm");
        }
    }
}
