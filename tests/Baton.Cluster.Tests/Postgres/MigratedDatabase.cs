using Baton.Cluster.Hosting;
using Baton.Cluster.Schema;

namespace Baton.Cluster.Tests.Postgres;

/// <summary>A <see cref="ClusterDatabase"/> on a fresh schema of its own, migrated to the newest version (as an instance at start).</summary>
public static class MigratedDatabase
{
    public static async Task<(ClusterDatabase Database, string Connection)> CreateAsync(string applicationName = "baton-tests")
    {
        var connection = await TestDatabase.CreateIsolatedConnectionStringAsync(applicationName);
        var database = new ClusterDatabase(connection);
        await new SchemaMigrator(database.DataSource).MigrateAsync(CancellationToken.None);
        return (database, connection);
    }
}
