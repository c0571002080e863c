namespace Baton.Protocol.Digests;

/// <summary>One member of a <c>Repr-Digest</c> / <c>Content-Digest</c> field (RFC 9530 §2–3): an algorithm key and its digest bytes.</summary>
public sealed record DigestValue(string Algorithm, byte[] Value)
{
    public const string Sha256 = "sha-256";
    public const string Sha512 = "sha-512";

    public bool Matches(ReadOnlySpan<byte> digest) => digest.SequenceEqual(Value);
}
