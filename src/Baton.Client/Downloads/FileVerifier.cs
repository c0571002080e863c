using System.Buffers;
using System.Security.Cryptography;
using Baton.Client.Transfers;
using Baton.Protocol.Digests;

namespace Baton.Client.Downloads;

/// <summary>
/// Checks the finished bytes against the server's Repr-Digest (RFC 9530 §3; sha-256 and sha-512 understood) and the user's
/// expected checksum, hashing the file once with every algorithm needed.
/// </summary>
public static class FileVerifier
{
    /// <summary>Returns what the file was verified against (null when nothing was available) or throws on a mismatch.</summary>
    public static async Task<string?> VerifyAsync(string path, string? reprDigest, ExpectedChecksum? checksum, CancellationToken cancellationToken)
    {
        var expectations = new List<(string Label, HashAlgorithmName Algorithm, byte[] Value)>();
        if (reprDigest is not null && ReprDigest.TryParse(reprDigest, out var digests))
        {
            foreach (var d in digests)
            {
                HashAlgorithmName? algorithm = d.Algorithm switch
                {
                    DigestValue.Sha256 => HashAlgorithmName.SHA256,
                    DigestValue.Sha512 => HashAlgorithmName.SHA512,
                    _ => null,
                };
                if (algorithm is { } a)
                {
                    expectations.Add(($"Repr-Digest {d.Algorithm}", a, d.Value));
                }
            }
        }
        if (checksum is not null)
        {
            expectations.Add(($"--checksum {checksum.Algorithm.Name!.ToLowerInvariant()}", checksum.Algorithm, checksum.Value));
        }
        if (expectations.Count == 0)
        {
            return null;
        }
        var actual = await HashAsync(path, expectations.Select(e => e.Algorithm).Distinct(), cancellationToken);
        foreach (var (label, algorithm, value) in expectations)
        {
            if (!actual[algorithm].AsSpan().SequenceEqual(value))
            {
                throw new TransferException(TransferFailure.VerificationFailed,
                    $"{label} mismatch: expected {Convert.ToHexStringLower(value)}, got {Convert.ToHexStringLower(actual[algorithm])}");
            }
        }
        return string.Join(", ", expectations.Select(e => e.Label));
    }

    public static async Task<Dictionary<HashAlgorithmName, byte[]>> HashAsync(string path, IEnumerable<HashAlgorithmName> algorithms, CancellationToken cancellationToken)
    {
        var hashes = algorithms.ToDictionary(a => a, IncrementalHash.CreateHash);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
            int n;
            while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                foreach (var hash in hashes.Values)
                {
                    hash.AppendData(buffer, 0, n);
                }
            }
            return hashes.ToDictionary(h => h.Key, h => h.Value.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            foreach (var hash in hashes.Values)
            {
                hash.Dispose();
            }
        }
    }
}
