using System.Security.Cryptography;
using Baton.Cluster.Postgres;
using Baton.Protocol.Possession;
using Baton.Storage.Possession;
using Npgsql;

namespace Baton.Cluster.Possession;

/// <summary>
/// Pending challenges in cluster mode: <c>baton_proof_challenges</c> (schema step 4, docs/cluster.md), so a challenge issued by
/// one instance is answered on any other. Taking is one <c>DELETE … RETURNING</c>: of two answers racing on two instances exactly
/// one gets the row. Expiry is on the database's clock, the one clock every instance shares.
/// </summary>
public sealed class PostgresProofChallenges(NpgsqlDataSource database) : IProofChallenges
{
    // Issuing also drops expired challenges of other uploads (index on expires_at), so unanswered ones do not pile up; the
    // upload's own row is left to the upsert — one statement must not modify a row twice.
    private const string Issue = """
        WITH expired AS (DELETE FROM baton_proof_challenges WHERE expires_at < now() AND upload_id <> $1)
        INSERT INTO baton_proof_challenges (upload_id, nonce, ranges, expires_at) VALUES ($1, $2, $3, now() + $4)
        ON CONFLICT (upload_id) DO UPDATE SET nonce = excluded.nonce, ranges = excluded.ranges, expires_at = excluded.expires_at
        """;

    private const string Take =
        "DELETE FROM baton_proof_challenges WHERE upload_id = $1 RETURNING nonce, ranges, expires_at >= now()";

    public async Task<PossessionChallenge> IssueAsync(string uploadId, long length, CancellationToken cancellation)
    {
        var challenge = PossessionChallenge.Choose(length, RandomNumberGenerator.GetBytes(PossessionChallenge.NonceLength));
        await PostgresFaults.GuardAsync("issue proof challenge", async () =>
        {
            await using var command = database.CreateCommand(Issue);
            command.Parameters.AddWithValue(uploadId);
            command.Parameters.AddWithValue(challenge.Nonce);
            command.Parameters.AddWithValue(Flatten(challenge.Ranges));
            command.Parameters.AddWithValue(IProofChallenges.Lifetime);
            return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return challenge;
    }

    public Task<PossessionChallenge?> TakeAsync(string uploadId, CancellationToken cancellation) =>
        PostgresFaults.GuardAsync<PossessionChallenge?>("take proof challenge", async () =>
        {
            await using var command = database.CreateCommand(Take);
            command.Parameters.AddWithValue(uploadId);
            await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellation).ConfigureAwait(false) || !reader.GetBoolean(2))
            {
                return null;
            }
            return new PossessionChallenge(reader.GetFieldValue<byte[]>(0), Unflatten(reader.GetFieldValue<long[]>(1)));
        });

    internal static long[] Flatten(IReadOnlyList<ProofRange> ranges) => [.. ranges.SelectMany(r => new[] { r.First, r.Last })];

    internal static IReadOnlyList<ProofRange> Unflatten(long[] bounds)
    {
        if (bounds.Length % 2 != 0)
        {
            throw new InvalidDataException("A challenge's ranges are first/last pairs.");
        }
        var ranges = new ProofRange[bounds.Length / 2];
        for (var i = 0; i < ranges.Length; i++)
        {
            ranges[i] = new ProofRange(bounds[2 * i], bounds[2 * i + 1]);
        }
        return ranges;
    }
}
