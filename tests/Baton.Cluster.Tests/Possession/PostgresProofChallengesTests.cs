using Baton.Cluster.Possession;
using Baton.Cluster.Tests.Postgres;
using Baton.Protocol.Possession;

namespace Baton.Cluster.Tests.Possession;

/// <summary><c>baton_proof_challenges</c> (schema step 4): a challenge comes back as issued, is taken once even when two
/// instances race for it, a new one replaces the pending one, and an expired one is not answered.</summary>
public sealed class PostgresProofChallengesTests
{
    [Fact]
    public async Task A_challenge_is_taken_as_issued_and_only_once_across_instances()
    {
        var (database, connection) = await MigratedDatabase.CreateAsync();
        await using var _ = database;
        await using var other = new Baton.Cluster.Hosting.ClusterDatabase(connection); // a second instance's pool
        var a = new PostgresProofChallenges(database.DataSource);
        var b = new PostgresProofChallenges(other.DataSource);

        var issued = await a.IssueAsync("up1", 1_000_000, CancellationToken.None);
        var takes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? a : b).TakeAsync("up1", CancellationToken.None)));

        var taken = Assert.Single(takes, t => t is not null)!;
        Assert.Equal(issued.Nonce, taken.Nonce);
        Assert.Equal(issued.Ranges, taken.Ranges);
        Assert.Equal(PossessionChallenge.RangeCount, taken.Ranges.Count);
        Assert.Null(await b.TakeAsync("up1", CancellationToken.None));
    }

    [Fact]
    public async Task A_new_challenge_replaces_the_pending_one_and_an_expired_one_is_refused()
    {
        var (database, _) = await MigratedDatabase.CreateAsync();
        await using var _ = database;
        var challenges = new PostgresProofChallenges(database.DataSource);

        await challenges.IssueAsync("up1", 10, CancellationToken.None);
        var second = await challenges.IssueAsync("up1", 10, CancellationToken.None);
        Assert.Equal(second.Nonce, (await challenges.TakeAsync("up1", CancellationToken.None))!.Nonce);

        await challenges.IssueAsync("up2", 10, CancellationToken.None);
        await using (var expire = database.DataSource.CreateCommand(
            "UPDATE baton_proof_challenges SET expires_at = now() - interval '1 second' WHERE upload_id = 'up2'"))
        {
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());
        }
        Assert.Null(await challenges.TakeAsync("up2", CancellationToken.None));
        Assert.Null(await challenges.TakeAsync("up2", CancellationToken.None));
    }
}
