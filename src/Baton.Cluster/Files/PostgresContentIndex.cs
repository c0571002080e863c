using Baton.Cluster.Postgres;
using Baton.Protocol.Paths;
using Baton.Storage.Files;
using Npgsql;

namespace Baton.Cluster.Files;

/// <summary>
/// The content index in cluster mode: <c>baton_files</c> (schema step 4, docs/cluster.md), one row per stored name with its
/// SHA-256 and size, looked up by content through the <c>(sha256, size)</c> index — one query instead of a bucket listing, and the
/// same answer on every instance. A name holds one content at a time, so recording a name replaces what it held before. Entries
/// stay hints (<see cref="IContentIndex"/>): callers verify a name against <see cref="IFileDigests"/> before relying on it.
/// </summary>
public sealed class PostgresContentIndex(NpgsqlDataSource database) : IContentIndex
{
    public Task AddAsync(ContentKey content, RelativePath name, CancellationToken cancellation) =>
        PostgresFaults.GuardAsync("index content", async () =>
        {
            await using var command = database.CreateCommand("""
                INSERT INTO baton_files (name, size, sha256) VALUES ($1, $2, $3)
                ON CONFLICT (name) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256, updated_at = now()
                """);
            command.Parameters.AddWithValue(name.ToString());
            command.Parameters.AddWithValue(content.Length);
            command.Parameters.AddWithValue(Convert.FromHexString(content.Sha256Hex));
            return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        });

    public Task<IReadOnlyList<RelativePath>> NamesAsync(ContentKey content, int limit, CancellationToken cancellation) =>
        PostgresFaults.GuardAsync<IReadOnlyList<RelativePath>>("find content", async () =>
        {
            await using var command = database.CreateCommand(
                "SELECT name FROM baton_files WHERE sha256 = $1 AND size = $2 ORDER BY name LIMIT $3");
            command.Parameters.AddWithValue(Convert.FromHexString(content.Sha256Hex));
            command.Parameters.AddWithValue(content.Length);
            command.Parameters.AddWithValue(Math.Max(limit, 0));
            await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            var names = new List<RelativePath>();
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            {
                if (RelativePath.TryParse(reader.GetString(0), allowHidden: true, out var name) == PathCheck.Valid && !name.IsRoot)
                {
                    names.Add(name);
                }
            }
            return names;
        });

    /// <summary>Removes the entry only while <paramref name="name"/> is still recorded with <paramref name="content"/>: a caller
    /// dropping a stale hint must not erase what the name holds since.</summary>
    public Task RemoveAsync(ContentKey content, RelativePath name, CancellationToken cancellation) =>
        PostgresFaults.GuardAsync("unindex content", async () =>
        {
            await using var command = database.CreateCommand("DELETE FROM baton_files WHERE name = $1 AND sha256 = $2 AND size = $3");
            command.Parameters.AddWithValue(name.ToString());
            command.Parameters.AddWithValue(Convert.FromHexString(content.Sha256Hex));
            command.Parameters.AddWithValue(content.Length);
            return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        });
}
