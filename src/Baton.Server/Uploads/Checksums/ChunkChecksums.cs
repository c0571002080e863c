using System.Diagnostics.CodeAnalysis;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Storage;

namespace Baton.Server.Uploads.Checksums;

/// <summary>
/// tus checksum extension: verifiers for <c>sha1</c>, <c>md5</c>, <c>sha256</c>, <c>sha512</c> and <c>crc32</c>, fed by the
/// store while the chunk is received (see <see cref="ChunkVerifier"/>).
/// </summary>
public static class ChunkChecksums
{
    /// <summary>A verifier comparing the chunk against <paramref name="checksum"/> (its algorithm must be supported).</summary>
    public static ChunkVerifier Verifier(UploadChecksum checksum) =>
        UploadChecksum.IsSupported(checksum.Algorithm)
            ? new ChecksumVerifier(checksum)
            : throw new ArgumentOutOfRangeException(nameof(checksum), checksum.Algorithm, "unsupported checksum algorithm");

    /// <summary>A verifier for a checksum that arrives in a trailer after the body; <paramref name="readTrailer"/> gives its
    /// value ("" when absent) once the body has been read.</summary>
    public static ChunkVerifier TrailerVerifier(Func<string> readTrailer) => new TrailerChecksumVerifier(readTrailer);

    /// <summary>Parses an <c>Upload-Checksum</c> value: 400 <c>invalid-checksum</c> for bad syntax, 400
    /// <c>checksum-algorithm-unsupported</c> for an algorithm we do not verify.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out UploadChecksum? checksum, [NotNullWhen(false)] out ProtocolError? error)
    {
        error = null;
        if (!UploadChecksum.TryParse(value, out var parsed))
        {
            checksum = null;
            error = ProtocolErrors.InvalidChecksum;
            return false;
        }
        if (!UploadChecksum.IsSupported(parsed.Algorithm))
        {
            checksum = null;
            error = ProtocolErrors.ChecksumAlgorithmUnsupported.WithDetail(
                $"'{parsed.Algorithm}' is not one of {string.Join(", ", UploadChecksum.Supported)}.");
            return false;
        }
        checksum = parsed;
        return true;
    }
}
