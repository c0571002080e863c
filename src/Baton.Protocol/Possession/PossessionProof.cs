using Baton.Protocol.StructuredFields;

namespace Baton.Protocol.Possession;

/// <summary>The answer to a <see cref="PossessionChallenge"/>: <c>Baton-Proof: :BASE64(HMAC-SHA256):</c>, an RFC 9651 byte sequence.</summary>
public static class PossessionProof
{
    public const int Length = 32;

    public static string Format(ReadOnlySpan<byte> mac) => $":{Convert.ToBase64String(mac)}:";

    /// <summary>The 32-byte answer in <paramref name="field"/>, or false when it is not one.</summary>
    public static bool TryParse(string? field, out byte[] mac)
    {
        mac = [];
        if (!SfParser.TryParseItem(field, out var item) || item.Kind != SfKind.ByteSequence || item.AsBytes.Length != Length)
        {
            return false;
        }
        mac = item.AsBytes;
        return true;
    }

    /// <summary>Whether <paramref name="answer"/> equals <paramref name="expected"/>, in time independent of where they differ.</summary>
    public static bool Matches(ReadOnlySpan<byte> answer, ReadOnlySpan<byte> expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(answer, expected);
}
