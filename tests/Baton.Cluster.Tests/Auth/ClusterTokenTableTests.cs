using Baton.Cluster.Auth;
using Baton.Cluster.Tests.Postgres;

namespace Baton.Cluster.Tests.Auth;

/// <summary>Shared tokens: found by hash with "any token exists" in one round trip; replace only when asked; revoke.</summary>
public sealed class ClusterTokenTableTests
{
    [Fact]
    public async Task Tokens_are_found_by_hash_replaced_only_when_asked_and_revoked()
    {
        var (database, _) = await MigratedDatabase.CreateAsync();
        await using var __ = database;
        var tokens = new ClusterTokenTable(database);

        Assert.Equal((null, false), await tokens.FindAsync("aa", CancellationToken.None));
        Assert.False(await tokens.AnyAsync(CancellationToken.None));

        Assert.True(await tokens.AddAsync(new ClusterToken("alice", "AA", ["upload", "download"], QuotaBytes: 10, Scope: "home/alice"), false, CancellationToken.None));
        Assert.False(await tokens.AddAsync(new ClusterToken("alice", "bb", ["admin"]), false, CancellationToken.None));

        var (found, any) = await tokens.FindAsync("aa", CancellationToken.None);
        Assert.True(any);
        Assert.Equal("alice", found!.Name);
        Assert.Equal(["upload", "download"], found.Permissions);
        Assert.Equal(10, found.QuotaBytes);
        Assert.Equal("home/alice", found.Scope);
        Assert.Equal((null, true), await tokens.FindAsync("cc", CancellationToken.None));

        Assert.True(await tokens.AddAsync(new ClusterToken("alice", "bb", ["admin"]), true, CancellationToken.None));
        Assert.Null((await tokens.FindAsync("aa", CancellationToken.None)).Token); // the old secret no longer works
        Assert.Equal(["admin"], (await tokens.FindAsync("bb", CancellationToken.None)).Token!.Permissions);
        Assert.Single(await tokens.ListAsync(CancellationToken.None));

        Assert.True(await tokens.RemoveAsync("alice", CancellationToken.None));
        Assert.False(await tokens.RemoveAsync("alice", CancellationToken.None));
        Assert.False(await tokens.AnyAsync(CancellationToken.None));
    }
}
