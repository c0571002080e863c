using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Baton.Protocol.StructuredFields;

namespace Baton.Protocol.Possession;

/// <summary>
/// A proof-of-possession challenge (Halevi, Harnik, Pinkas, Shulman-Peleg, "Proofs of Ownership in Remote Storage Systems",
/// CCS 2011, in its simplest sampling form): a fresh 32-byte nonce and byte ranges of the declared content chosen from it. Only a
/// client holding those bytes can answer <c>HMAC-SHA256(key = nonce, message = the ranges' bytes in the order given)</c>; the
/// ranges are unpredictable before the challenge, so knowing the digest (or a few bytes) is not enough. Sent as the Structured
/// Field Dictionary <c>Baton-Proof-Challenge: nonce=:BASE64:, ranges="a-b,c-d"</c> (RFC 9651).
/// </summary>
public sealed record PossessionChallenge(byte[] Nonce, IReadOnlyList<ProofRange> Ranges)
{
    public const int NonceLength = 32;

    /// <summary>Length of one sampled range.</summary>
    public const long RangeLength = 4096;

    /// <summary>How many ranges a large file is sampled at.</summary>
    public const int RangeCount = 8;

    /// <summary>Content up to this length is challenged whole (one range): sampling it would leave little unasked.</summary>
    public const long WholeContentLimit = RangeCount * RangeLength;

    /// <summary>
    /// The challenge for content of <paramref name="length"/> bytes (at least 1) under <paramref name="nonce"/>: the ranges are
    /// derived from the nonce (SHA-256 in counter mode), so a server keeps only the nonce and a random nonce makes them random.
    /// </summary>
    public static PossessionChallenge Choose(long length, byte[] nonce)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (nonce.Length != NonceLength)
        {
            throw new ArgumentException($"A nonce is {NonceLength} bytes.", nameof(nonce));
        }
        if (length <= WholeContentLimit)
        {
            return new PossessionChallenge(nonce, [new ProofRange(0, length - 1)]);
        }
        var starts = (ulong)(length - RangeLength + 1);
        var ranges = new List<ProofRange>(RangeCount);
        Span<byte> block = stackalloc byte[NonceLength + 4];
        Span<byte> hash = stackalloc byte[32];
        nonce.CopyTo(block);
        for (var i = 0; i < RangeCount; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(block[NonceLength..], i);
            SHA256.HashData(block, hash);
            // 64 random bits modulo at most 2^63: the bias is below 2^-1, negligible for sampling positions.
            var first = (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) % starts);
            ranges.Add(new ProofRange(first, first + RangeLength - 1));
        }
        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        return new PossessionChallenge(nonce, ranges);
    }

    /// <summary>The field value: <c>nonce=:BASE64:, ranges="a-b,c-d"</c>.</summary>
    public string Format() => $"nonce=:{Convert.ToBase64String(Nonce)}:, ranges=\"{string.Join(',', Ranges)}\"";

    /// <summary>Parses a field value (for clients and tests); false when it is not a challenge of this shape.</summary>
    public static bool TryParse(string? field, out PossessionChallenge challenge)
    {
        challenge = null!;
        if (!SfParser.TryParseDictionary(field, out var members)
            || members.LastOrDefault(m => m.Key == "nonce").Value is not { Kind: SfKind.ByteSequence } nonce
            || members.LastOrDefault(m => m.Key == "ranges").Value is not { Kind: SfKind.String } text
            || nonce.AsBytes.Length != NonceLength)
        {
            return false;
        }
        var ranges = new List<ProofRange>();
        foreach (var part in text.AsString.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0
                || !long.TryParse(part.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !long.TryParse(part.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || last < first)
            {
                return false;
            }
            ranges.Add(new ProofRange(first, last));
        }
        challenge = new PossessionChallenge(nonce.AsBytes, ranges);
        return true;
    }

    /// <summary>An HMAC-SHA256 keyed with the nonce, to be fed the ranges' bytes in order (<see cref="Ranges"/>).</summary>
    public IncrementalHash StartAnswer() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Nonce);

    /// <summary>The total number of bytes the answer covers.</summary>
    public long AnsweredBytes => Ranges.Sum(r => r.Length);
}
