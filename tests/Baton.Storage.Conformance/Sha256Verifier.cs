using System.Security.Cryptography;
using Baton.Protocol.Problems;

namespace Baton.Storage.Conformance;

/// <summary>A real chunk check (tus checksum): accepts the chunk only if its SHA-256 is <paramref name="expected"/>.</summary>
public sealed class Sha256Verifier(byte[] expected) : ChunkVerifier
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public override void Append(ReadOnlySpan<byte> bytes) => _hash.AppendData(bytes);

    public override ProtocolError? Verdict() =>
        _hash.GetHashAndReset().AsSpan().SequenceEqual(expected) ? null : ProtocolErrors.ChecksumMismatch;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
    }
}
