using System.Security.Cryptography;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Storage;

namespace Baton.Server.Uploads.Checksums;

/// <summary>tus checksum: hashes the chunk as it is received and compares with <c>Upload-Checksum</c> at the end.</summary>
internal sealed class ChecksumVerifier(UploadChecksum expected) : ChunkVerifier
{
    private ChecksumHash? _hash;

    public override void Append(ReadOnlySpan<byte> bytes) => (_hash ??= new ChecksumHash(expected.Algorithm)).Append(bytes);

    public override ProtocolError? Verdict()
    {
        // An empty chunk was never fed: its checksum is that of no bytes.
        var actual = (_hash ??= new ChecksumHash(expected.Algorithm)).Finish();
        return CryptographicOperations.FixedTimeEquals(actual, expected.Expected) ? null : ProtocolErrors.ChecksumMismatch;
    }

    protected override void Dispose(bool disposing) => _hash?.Dispose();
}
