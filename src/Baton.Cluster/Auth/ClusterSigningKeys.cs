using System.Security.Cryptography;
using Baton.Cluster.Hosting;
using Npgsql;

namespace Baton.Cluster.Auth;

/// <summary>
/// The link-signing key every instance shares (table <c>baton_signing_keys</c>). The first instance to ask inserts 32 random
/// bytes; a concurrent or later one's insert does nothing (ON CONFLICT DO NOTHING) and all read the row that won, so links and
/// upload URLs signed on one instance verify on every other.
/// </summary>
public static class ClusterSigningKeys
{
    /// <summary>The name of the key that signs links and upload URLs.</summary>
    public const string LinkKey = "links";

    public static Task<byte[]> LoadOrCreateAsync(ClusterDatabase database, string name, CancellationToken cancellation) =>
        database.CallAsync("signing key", async connection =>
        {
            await using (var insert = new NpgsqlCommand(
                "INSERT INTO baton_signing_keys (name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", connection))
            {
                insert.Parameters.AddWithValue(name);
                insert.Parameters.AddWithValue(RandomNumberGenerator.GetBytes(32));
                await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
            }
            await using var select = new NpgsqlCommand("SELECT key FROM baton_signing_keys WHERE name = $1", connection);
            select.Parameters.AddWithValue(name);
            return (byte[])(await select.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!;
        }, cancellation);
}
