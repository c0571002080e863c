using Baton.Testing.Cluster;
using Npgsql;

namespace Baton.Cluster.Tests.Rig;

/// <summary>What PostgreSQL knows of a <see cref="ClusterRig"/>'s instances: their sessions and the advisory locks they hold
/// (each instance connects with <c>Application Name</c> = its id).</summary>
public static class ClusterSessions
{
    /// <summary>Ids of the instances holding an advisory lock (an upload's) right now.</summary>
    public static async Task<IReadOnlyList<string>> LockHoldersAsync(ClusterRig rig)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(rig));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, connection);
        var holders = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            holders.Add(reader.GetString(0));
        }
        return holders;
    }

    /// <summary>Whether <paramref name="instance"/> still has a session open on the cluster's database.</summary>
    public static async Task<bool> HasSessionsAsync(ClusterRig rig, ClusterInstance instance)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(rig));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", connection);
        query.Parameters.AddWithValue(instance.Id);
        return (long)(await query.ExecuteScalarAsync())! > 0;
    }

    private static string ConnectionString(ClusterRig rig) => new NpgsqlConnectionStringBuilder
    {
        Host = rig.PostgresAdmin["host"],
        Port = int.Parse(rig.PostgresAdmin["port"], System.Globalization.CultureInfo.InvariantCulture),
        Database = rig.PostgresAdmin["dbname"],
        Username = rig.PostgresAdmin["user"],
        Password = rig.PostgresAdmin["password"],
        Pooling = false,
        ApplicationName = "baton-cluster-tests",
    }.ConnectionString;
}
