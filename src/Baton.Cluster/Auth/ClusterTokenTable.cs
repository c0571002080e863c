using Baton.Cluster.Hosting;
using Npgsql;

namespace Baton.Cluster.Auth;

/// <summary>
/// API tokens shared by every instance (table <c>baton_tokens</c>), read per request so a token created or revoked on any instance
/// (or by <c>baton token create --cluster</c>) counts everywhere from the next request on.
/// </summary>
public sealed class ClusterTokenTable(ClusterDatabase database)
{
    private const string Columns = "name, sha256, permissions, quota_bytes, max_upload_size, scope";

    /// <summary>The token whose secret hashes to <paramref name="sha256"/> and whether any token exists, in one round trip.</summary>
    public Task<(ClusterToken? Token, bool AnyTokens)> FindAsync(string sha256, CancellationToken cancellation) =>
        database.CallAsync("token lookup", async connection =>
        {
            // One row always: the match (or nulls) beside whether any token exists — open mode needs the latter.
            await using var command = new NpgsqlCommand(
                "SELECT t.name, t.sha256, t.permissions, t.quota_bytes, t.max_upload_size, t.scope, "
                + "EXISTS (SELECT 1 FROM baton_tokens) FROM (SELECT 1) AS one LEFT JOIN baton_tokens AS t ON t.sha256 = $1", connection);
            command.Parameters.AddWithValue(sha256);
            await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            await reader.ReadAsync(cancellation).ConfigureAwait(false);
            return (reader.IsDBNull(0) ? null : Read(reader), reader.GetBoolean(6));
        }, cancellation);

    public Task<bool> AnyAsync(CancellationToken cancellation) =>
        database.CallAsync("token lookup", async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM baton_tokens)", connection);
            return (bool)(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!;
        }, cancellation);

    public Task<IReadOnlyList<ClusterToken>> ListAsync(CancellationToken cancellation) =>
        database.CallAsync<IReadOnlyList<ClusterToken>>("token list", async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM baton_tokens ORDER BY name", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            var tokens = new List<ClusterToken>();
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            {
                tokens.Add(Read(reader));
            }
            return tokens;
        }, cancellation);

    /// <summary>Adds <paramref name="token"/>; with <paramref name="replace"/> a token of the same name is replaced, otherwise
    /// false is returned and nothing changes.</summary>
    public Task<bool> AddAsync(ClusterToken token, bool replace, CancellationToken cancellation) =>
        database.CallAsync("token create", async connection =>
        {
            var conflict = replace
                ? "ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, permissions = excluded.permissions, "
                  + "quota_bytes = excluded.quota_bytes, max_upload_size = excluded.max_upload_size, scope = excluded.scope, created_at = now()"
                : "ON CONFLICT (name) DO NOTHING";
            await using var command = new NpgsqlCommand(
                $"INSERT INTO baton_tokens ({Columns}) VALUES ($1, $2, $3, $4, $5, $6) {conflict}", connection);
            command.Parameters.AddWithValue(token.Name);
            command.Parameters.AddWithValue(token.Sha256.ToLowerInvariant());
            command.Parameters.AddWithValue(token.Permissions.ToArray());
            command.Parameters.AddWithValue(token.QuotaBytes);
            command.Parameters.AddWithValue(token.MaxUploadSize);
            command.Parameters.AddWithValue((object?)token.Scope ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false) == 1;
        }, cancellation);

    /// <summary>Removes the token named <paramref name="name"/>; false when there is none.</summary>
    public Task<bool> RemoveAsync(string name, CancellationToken cancellation) =>
        database.CallAsync("token revoke", async connection =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM baton_tokens WHERE name = $1", connection);
            command.Parameters.AddWithValue(name);
            return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false) == 1;
        }, cancellation);

    private static ClusterToken Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetInt64(3), reader.GetInt64(4),
        reader.IsDBNull(5) ? null : reader.GetString(5));
}
