using System.Buffers;
using Baton.Client.Transfers;
using Baton.Protocol.Possession;

namespace Baton.Client.Uploads;

/// <summary>
/// Answers a proof-of-possession challenge (<c>Baton-Proof-Challenge</c>, <see cref="PossessionChallenge"/>) from the local file:
/// HMAC-SHA-256 keyed with the nonce over the bytes of the inclusive ranges, concatenated in the given order — something only a
/// holder of the bytes can compute (Halevi et al., "Proofs of Ownership in Remote Storage Systems", 2011).
/// </summary>
internal static class PossessionAnswer
{
    /// <summary>More ranges than this is not a challenge this client answers (each is a read of the local file).</summary>
    public const int MaxRanges = 1024;

    /// <summary>The challenge in <paramref name="field"/> when it is one for a file of <paramref name="length"/> bytes (every range inside it).</summary>
    public static PossessionChallenge? Parse(string? field, long length) =>
        PossessionChallenge.TryParse(field, out var challenge)
        && challenge.Ranges.Count is > 0 and <= MaxRanges
        && challenge.Ranges.All(r => r.First >= 0 && r.Last < length)
            ? challenge
            : null;

    /// <summary>Reads the ranges from <paramref name="path"/>; returns the <c>Baton-Proof</c> field value.</summary>
    public static async Task<string> ComputeAsync(PossessionChallenge challenge, string path, CancellationToken cancellationToken)
    {
        using var hmac = challenge.StartAnswer();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            foreach (var range in challenge.Ranges)
            {
                for (var at = range.First; at <= range.Last;)
                {
                    var n = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(buffer.Length, range.Last - at + 1)), at, cancellationToken);
                    if (n == 0)
                    {
                        throw new TransferException(TransferFailure.LocalIo, $"{path} became shorter while uploading");
                    }
                    hmac.AppendData(buffer, 0, n);
                    at += n;
                }
            }
            return PossessionProof.Format(hmac.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
