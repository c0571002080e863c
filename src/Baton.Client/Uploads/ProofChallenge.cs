using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Baton.Client.Transfers;
using Baton.Protocol.StructuredFields;

namespace Baton.Client.Uploads;

/// <summary>
/// A proof-of-possession challenge (<c>Baton-Proof-Challenge: nonce=:…:, ranges="a-b,c-d"</c>, an RFC 8941 dictionary) that a
/// digest-first creation may carry when the server has the content but the caller may not read it (docs/uploads.md). The answer
/// is HMAC-SHA-256 keyed with the nonce over the bytes of the inclusive ranges, concatenated in the given order — something only
/// a holder of the bytes can compute (Halevi et al., "Proofs of Ownership in Remote Storage Systems", 2011).
/// </summary>
public sealed record ProofChallenge(byte[] Nonce, IReadOnlyList<(long First, long Last)> Ranges)
{
    /// <summary>More ranges than this is not a challenge we answer (a client reads each one from disk).</summary>
    public const int MaxRanges = 1024;

    /// <summary>Parses the field for a file of <paramref name="length"/> bytes; false for anything malformed or out of bounds.</summary>
    public static bool TryParse(string? field, long length, out ProofChallenge challenge)
    {
        challenge = new ProofChallenge([], []);
        if (!SfParser.TryParseDictionary(field, out var members))
        {
            return false;
        }
        var nonce = members.FirstOrDefault(m => m.Key == "nonce").Value;
        var ranges = members.FirstOrDefault(m => m.Key == "ranges").Value;
        if (nonce is not { Kind: SfKind.ByteSequence } || nonce.AsBytes.Length == 0 || ranges is not { Kind: SfKind.String })
        {
            return false;
        }
        var parsed = new List<(long, long)>();
        foreach (var range in ranges.AsString.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = range.IndexOf('-');
            if (dash <= 0
                || !long.TryParse(range.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !long.TryParse(range.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || first > last || last >= length || parsed.Count == MaxRanges)
            {
                return false;
            }
            parsed.Add((first, last));
        }
        challenge = new ProofChallenge(nonce.AsBytes, parsed);
        return true;
    }

    /// <summary>The field value of <c>Baton-Proof</c>: <c>:BASE64(HMAC-SHA-256(nonce, ranges' bytes)):</c>.</summary>
    public static string Format(ReadOnlySpan<byte> proof) => $":{Convert.ToBase64String(proof)}:";

    /// <summary>Reads the ranges from <paramref name="path"/> and computes the answer.</summary>
    public async Task<byte[]> AnswerAsync(string path, CancellationToken cancellationToken)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Nonce);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            foreach (var (first, last) in Ranges)
            {
                for (var at = first; at <= last;)
                {
                    var n = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(buffer.Length, last - at + 1)), at, cancellationToken);
                    if (n == 0)
                    {
                        throw new TransferException(TransferFailure.LocalIo, $"{path} became shorter while uploading");
                    }
                    hmac.AppendData(buffer, 0, n);
                    at += n;
                }
            }
            return hmac.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
