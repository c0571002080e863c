using System.Security.Cryptography;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Storage;

namespace Baton.Server.Uploads.Checksums;

/// <summary>
/// tus checksum-trailer: the algorithm is named only in the trailer, after the body, so the chunk is hashed with every
/// supported algorithm while it arrives and the trailer's is compared at the end. This costs more CPU than a header checksum
/// but never reads the chunk back from disk. No trailer (or an empty one) accepts, as for a request without a checksum.
/// </summary>
internal sealed class TrailerChecksumVerifier(Func<string> readTrailer) : ChunkVerifier
{
    private ChecksumHash[]? _hashes;

    private ChecksumHash[] Hashes => _hashes ??= [.. UploadChecksum.Supported.Select(a => new ChecksumHash(a))];

    public override void Append(ReadOnlySpan<byte> bytes)
    {
        foreach (var hash in Hashes)
        {
            hash.Append(bytes);
        }
    }

    public override ProtocolError? Verdict()
    {
        var trailer = readTrailer();
        if (trailer.Length == 0)
        {
            return null;
        }
        if (!ChunkChecksums.TryParse(trailer, out var expected, out var error))
        {
            return error;
        }
        var actual = Hashes.First(h => h.Algorithm == expected.Algorithm).Finish();
        return CryptographicOperations.FixedTimeEquals(actual, expected.Expected) ? null : ProtocolErrors.ChecksumMismatch;
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var hash in _hashes ?? [])
        {
            hash.Dispose();
        }
    }
}
