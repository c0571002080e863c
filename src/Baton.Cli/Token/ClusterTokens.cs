using Baton.Cluster.Auth;
using Baton.Cluster.Hosting;
using Baton.Cluster.Schema;
using Baton.Server.Auth;

namespace Baton.Cli.Token;

/// <summary><c>baton token … --cluster CONNECTION</c>: tokens in the cluster's database (table <c>baton_tokens</c>), which every
/// instance reads per request; the schema is brought up to date first, as an instance would at start.</summary>
public static class ClusterTokens
{
    public static async Task<bool> AddAsync(string connection, TokenEntry entry, bool replace)
    {
        await using var database = await OpenAsync(connection);
        return await new ClusterTokenTable(database).AddAsync(ClusterTokenSource.ToRow(entry), replace, CancellationToken.None);
    }

    public static async Task<IReadOnlyList<TokenEntry>> ListAsync(string connection)
    {
        await using var database = await OpenAsync(connection);
        return [.. (await new ClusterTokenTable(database).ListAsync(CancellationToken.None)).Select(ClusterTokenSource.ToEntry)];
    }

    public static async Task<bool> RemoveAsync(string connection, string name)
    {
        await using var database = await OpenAsync(connection);
        return await new ClusterTokenTable(database).RemoveAsync(name, CancellationToken.None);
    }

    private static async Task<ClusterDatabase> OpenAsync(string connection)
    {
        var database = new ClusterDatabase(connection);
        try
        {
            await new SchemaMigrator(database.DataSource).MigrateAsync(CancellationToken.None);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }
}
