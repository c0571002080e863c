using Baton.Cluster.Auth;
using Baton.Cluster.Hosting;
using Baton.Cluster.Tests.Postgres;

namespace Baton.Cluster.Tests.Auth;

/// <summary>The shared signing key: instances asking at once all get the one key the first insert stored.</summary>
public sealed class ClusterSigningKeysTests
{
    [Fact]
    public async Task Ten_instances_asking_at_once_get_one_and_the_same_key()
    {
        var (first, connection) = await MigratedDatabase.CreateAsync();
        await using var _ = first;
        var instances = Enumerable.Range(0, 10).Select(_ => new ClusterDatabase(connection)).ToArray();
        try
        {
            var keys = await Task.WhenAll(instances.Select(d => ClusterSigningKeys.LoadOrCreateAsync(d, ClusterSigningKeys.LinkKey, CancellationToken.None)));
            Assert.Equal(32, keys[0].Length);
            Assert.All(keys, k => Assert.Equal(keys[0], k));
            Assert.Equal(keys[0], await new SharedSigningKey(first).LoadAsync(CancellationToken.None));
            await using var count = first.DataSource.CreateCommand("SELECT count(*) FROM baton_signing_keys");
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
