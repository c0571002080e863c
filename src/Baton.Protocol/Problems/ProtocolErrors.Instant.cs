namespace Baton.Protocol.Problems;

/// <summary>Rejections of digest-first creation and proof of possession (issue 15, docs/uploads.md §Instant uploads).</summary>
public static partial class ProtocolErrors
{
    /// <summary>RFC 9530: a <c>sha-256</c> member of Repr-Digest that is not a 32-byte byte sequence; nothing was stored.</summary>
    public static readonly ProtocolError InvalidReprDigest =
        Make(400, "invalid-repr-digest", "Repr-Digest has a sha-256 member that is not a 32-byte byte sequence; nothing was stored.");

    /// <summary>Baton-Proof is not a byte sequence of 32 bytes (an HMAC-SHA256); the challenge is kept.</summary>
    public static readonly ProtocolError InvalidProof =
        Make(400, "invalid-proof", "Baton-Proof is not a structured byte sequence of 32 bytes (HMAC-SHA256).");
}
