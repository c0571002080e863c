using System.Runtime.CompilerServices;
using System.Text;
using Baton.Cluster.Postgres;
using Baton.Storage;
using Baton.Storage.Records;
using Npgsql;
using NpgsqlTypes;

namespace Baton.Cluster.Records;

/// <summary>
/// Upload records shared by every instance: one row of <c>baton_uploads</c> per upload (schema step 2, docs/cluster.md), the
/// backend's record as <c>jsonb</c> beside the columns queries need. A save is one statement — atomic — and a compare-and-swap
/// on <c>version</c>: a writer that lost its lock (its lease connection died) and saves late is refused instead of overwriting the
/// instance that took over. A removed upload keeps its row without a record (a tombstone) for <see cref="TombstoneRetention"/>,
/// so every instance answers 410 for it, not 404.
/// </summary>
public sealed class PostgresUploadRecords(NpgsqlDataSource database) : IUploadRecords
{
    /// <summary>How long "this upload was removed" is remembered.</summary>
    public static readonly TimeSpan TombstoneRetention = TimeSpan.FromDays(7);

    private const int Page = 500;

    public Task<UploadRecordLookup> LoadAsync(string id, CancellationToken cancellation) =>
        PostgresFaults.GuardAsync("read upload", async () =>
        {
            await using var command = database.CreateCommand("SELECT record::text, version FROM baton_uploads WHERE id = $1");
            command.Parameters.AddWithValue(id);
            await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellation).ConfigureAwait(false))
            {
                return UploadRecordLookup.NotFound;
            }
            return reader.IsDBNull(0)
                ? UploadRecordLookup.Gone
                : UploadRecordLookup.Found(Encoding.UTF8.GetBytes(reader.GetString(0)), reader.GetInt64(1));
        });

    /// <summary>Not cancelled by the request: the bytes it acknowledges are already stored.</summary>
    public async Task<long> SaveAsync(UploadInfo info, ReadOnlyMemory<byte> record, long basedOn, CancellationToken cancellation)
    {
        var saved = await PostgresFaults.GuardAsync("record upload", async () =>
        {
            await using var command = database.CreateCommand(basedOn == 0 ? Insert : Update);
            command.Parameters.AddWithValue(info.Id);
            command.Parameters.AddWithValue(basedOn);
            command.Parameters.AddWithValue(info.Offset);
            command.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)info.Length ?? DBNull.Value);
            command.Parameters.AddWithValue(info.Kind.ToString());
            command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)info.Owner ?? DBNull.Value);
            command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)info.Scope ?? DBNull.Value);
            command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)info.ExpiresAt?.UtcDateTime ?? DBNull.Value);
            command.Parameters.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, info.PartialIds.ToArray());
            command.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)info.PlacedPath ?? DBNull.Value);
            command.Parameters.AddWithValue(NpgsqlDbType.Bytea, (object?)info.Sha256 ?? DBNull.Value);
            command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, Encoding.UTF8.GetString(record.Span));
            return await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return saved is long version ? version : throw new UploadRecordConflictException(info.Id);
    }

    // $2 (the version saved on) is 0 for a new upload; an id is never reused, so a row already there means a conflict.
    private const string Insert = """
        INSERT INTO baton_uploads (id, version, upload_offset, length, kind, owner, scope, expires_at, partial_ids, placed_name,
                                   sha256, record)
        SELECT $1, $2 + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
        ON CONFLICT (id) DO NOTHING
        RETURNING version
        """;

    private const string Update = """
        UPDATE baton_uploads
        SET version = version + 1, upload_offset = $3, length = $4, kind = $5, owner = $6, scope = $7, expires_at = $8,
            partial_ids = $9, placed_name = $10, sha256 = $11, record = $12, updated_at = now()
        WHERE id = $1 AND version = $2 AND record IS NOT NULL
        RETURNING version
        """;

    public Task<bool> DeleteAsync(string id, CancellationToken cancellation) =>
        PostgresFaults.GuardAsync("remove upload", async () =>
        {
            await using var command = database.CreateCommand("""
                UPDATE baton_uploads SET record = NULL, removed_at = now(), version = version + 1, updated_at = now()
                WHERE id = $1 AND record IS NOT NULL
                """);
            command.Parameters.AddWithValue(id);
            return await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1;
        });

    public IAsyncEnumerable<string> IdsAsync(CancellationToken cancellation) =>
        PagesAsync("SELECT id FROM baton_uploads WHERE record IS NOT NULL AND id > $1 ORDER BY id LIMIT " + Page, null, cancellation);

    /// <summary>Also forgets tombstones older than <see cref="TombstoneRetention"/>.</summary>
    public async IAsyncEnumerable<string> ExpiredAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellation)
    {
        await PostgresFaults.GuardAsync("forget removed uploads", async () =>
        {
            await using var command = database.CreateCommand("DELETE FROM baton_uploads WHERE removed_at < $1");
            command.Parameters.AddWithValue((now - TombstoneRetention).UtcDateTime);
            return await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await foreach (var id in PagesAsync(
            "SELECT id FROM baton_uploads WHERE record IS NOT NULL AND expires_at < $2 AND id > $1 ORDER BY id LIMIT " + Page,
            now.UtcDateTime, cancellation).ConfigureAwait(false))
        {
            yield return id;
        }
    }

    /// <summary>Ids page by page (keyset on id), no connection held while the caller works on a page.</summary>
    private async IAsyncEnumerable<string> PagesAsync(string sql, DateTime? before, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var after = "";
        while (true)
        {
            var page = await PostgresFaults.GuardAsync("list uploads", async () =>
            {
                await using var command = database.CreateCommand(sql);
                command.Parameters.AddWithValue(after);
                if (before is { } at)
                {
                    command.Parameters.AddWithValue(at);
                }
                var ids = new List<string>(Page);
                await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
                {
                    ids.Add(reader.GetString(0));
                }
                return ids;
            }).ConfigureAwait(false);
            foreach (var id in page)
            {
                yield return id;
            }
            if (page.Count < Page)
            {
                yield break;
            }
            after = page[^1];
        }
    }
}
