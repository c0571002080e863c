using System.Text;
using Baton.Cluster.Records;
using Baton.Cluster.Schema;
using Baton.Cluster.Tests.Postgres;
using Baton.Storage;
using Baton.Storage.Records;
using Npgsql;

namespace Baton.Cluster.Tests.Records;

/// <summary>
/// The shared upload records against real PostgreSQL: two <see cref="PostgresUploadRecords"/> on one database are two instances.
/// Saves are atomic compare-and-swaps on the version, removal leaves a tombstone (410, not 404) and is won by exactly one caller.
/// </summary>
public sealed class PostgresUploadRecordsTests : IAsyncLifetime
{
    private NpgsqlDataSource _a = null!;
    private NpgsqlDataSource _b = null!;
    private PostgresUploadRecords _one = null!;
    private PostgresUploadRecords _other = null!;

    public async Task InitializeAsync()
    {
        var connection = await TestDatabase.CreateIsolatedConnectionStringAsync();
        _a = NpgsqlDataSource.Create(connection);
        _b = NpgsqlDataSource.Create(connection);
        await new SchemaMigrator(_a).MigrateAsync(default);
        _one = new PostgresUploadRecords(_a);
        _other = new PostgresUploadRecords(_b);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private static UploadInfo Info(string id, long offset = 0, DateTimeOffset? expires = null) => new()
    {
        Id = id,
        Length = 100,
        Offset = offset,
        Owner = "ann",
        Scope = "team",
        ExpiresAt = expires,
        PartialIds = ["p1", "p2"],
        Sha256 = [1, 2, 3],
        PlacedPath = "a/b.bin",
    };

    private static byte[] Json(string id, long offset) => Encoding.UTF8.GetBytes($$"""{"Info":{"Id":"{{id}}","Offset":{{offset}}},"Parts":[]}""");

    private static long OffsetIn(UploadRecordLookup lookup) =>
        System.Text.Json.JsonDocument.Parse(lookup.Record).RootElement.GetProperty("Info").GetProperty("Offset").GetInt64();

    [Fact]
    public async Task A_saved_record_loads_on_every_instance_with_its_version_and_replacing_it_moves_the_version()
    {
        var first = await _one.SaveAsync(Info("u1"), Json("u1", 0), basedOn: 0, default);
        var loaded = await _other.LoadAsync("u1", default);

        Assert.Equal(UploadPresence.Found, loaded.Presence);
        Assert.Equal(first, loaded.Version);
        Assert.Equal(0, OffsetIn(loaded));

        var second = await _other.SaveAsync(Info("u1", 40), Json("u1", 40), loaded.Version, default);
        var reloaded = await _one.LoadAsync("u1", default);
        Assert.True(second > first);
        Assert.Equal(second, reloaded.Version);
        Assert.Equal(40, OffsetIn(reloaded));
        Assert.Equal(UploadPresence.NotFound, (await _one.LoadAsync("never", default)).Presence);
    }

    [Fact]
    public async Task The_columns_carry_the_summary_queries_need()
    {
        await _one.SaveAsync(Info("u2", 30, DateTimeOffset.UnixEpoch.AddDays(1)), Json("u2", 30), 0, default);

        await using var command = _a.CreateCommand(
            "SELECT upload_offset, length, owner, scope, kind, partial_ids, placed_name, sha256, expires_at FROM baton_uploads WHERE id = 'u2'");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(30, reader.GetInt64(0));
        Assert.Equal(100, reader.GetInt64(1));
        Assert.Equal("ann", reader.GetString(2));
        Assert.Equal("team", reader.GetString(3));
        Assert.Equal("Regular", reader.GetString(4));
        Assert.Equal(["p1", "p2"], reader.GetFieldValue<string[]>(5));
        Assert.Equal("a/b.bin", reader.GetString(6));
        Assert.Equal([1, 2, 3], reader.GetFieldValue<byte[]>(7));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(1), reader.GetFieldValue<DateTimeOffset>(8));
    }

    [Fact]
    public async Task A_save_based_on_an_old_version_is_refused_and_changes_nothing()
    {
        var v1 = await _one.SaveAsync(Info("u3"), Json("u3", 0), 0, default);
        await _other.SaveAsync(Info("u3", 50), Json("u3", 50), v1, default);

        // The writer that lost its lock still believes in v1: its late save must not overwrite the successor's.
        await Assert.ThrowsAsync<UploadRecordConflictException>(() => _one.SaveAsync(Info("u3", 10), Json("u3", 10), v1, default));
        await Assert.ThrowsAsync<UploadRecordConflictException>(() => _one.SaveAsync(Info("u3"), Json("u3", 0), 0, default));
        Assert.Equal(50, OffsetIn(await _one.LoadAsync("u3", default)));
    }

    [Fact]
    public async Task A_removed_upload_is_gone_everywhere_removed_once_and_never_brought_back_by_a_late_save()
    {
        var v1 = await _one.SaveAsync(Info("u4"), Json("u4", 0), 0, default);

        var removals = await Task.WhenAll(_one.DeleteAsync("u4", default), _other.DeleteAsync("u4", default));

        Assert.Equal(1, removals.Count(r => r));
        Assert.Equal(UploadPresence.Gone, (await _other.LoadAsync("u4", default)).Presence);
        await Assert.ThrowsAsync<UploadRecordConflictException>(() => _one.SaveAsync(Info("u4", 5), Json("u4", 5), v1, default));
        Assert.Equal(UploadPresence.Gone, (await _one.LoadAsync("u4", default)).Presence);
        Assert.DoesNotContain("u4", await ListAsync(_one.IdsAsync(default)));
    }

    [Fact]
    public async Task Expired_records_are_listed_and_two_instances_racing_claim_each_exactly_once()
    {
        var now = DateTimeOffset.UtcNow;
        var expired = Enumerable.Range(0, 30).Select(i => $"x{i:D2}").ToList();
        foreach (var id in expired)
        {
            await _one.SaveAsync(Info(id, expires: now.AddMinutes(-1)), Json(id, 0), 0, default);
        }
        await _one.SaveAsync(Info("alive", expires: now.AddMinutes(5)), Json("alive", 0), 0, default);
        await _one.SaveAsync(Info("forever"), Json("forever", 0), 0, default);

        Assert.Equal(expired, (await ListAsync(_one.ExpiredAsync(now, default))).Order());
        var claimed = await Task.WhenAll(SweepAsync(_one, now), SweepAsync(_other, now));

        Assert.Equal(expired.Count, claimed[0] + claimed[1]);
        Assert.Empty(await ListAsync(_other.ExpiredAsync(now, default)));
        Assert.Equal(["alive", "forever"], (await ListAsync(_one.IdsAsync(default))).Order());
    }

    [Fact]
    public async Task Tombstones_are_forgotten_after_the_retention()
    {
        await _one.SaveAsync(Info("old"), Json("old", 0), 0, default);
        await _one.DeleteAsync("old", default);

        await ListAsync(_one.ExpiredAsync(DateTimeOffset.UtcNow.Add(PostgresUploadRecords.TombstoneRetention).AddMinutes(1), default));

        Assert.Equal(UploadPresence.NotFound, (await _one.LoadAsync("old", default)).Presence);
    }

    [Fact]
    public async Task Listing_pages_through_more_ids_than_one_page()
    {
        var ids = Enumerable.Range(0, 1203).Select(i => $"id{i:D5}").ToList();
        await using (var batch = _a.CreateCommand(
            "INSERT INTO baton_uploads (id, version, upload_offset, kind, record) SELECT 'id' || lpad(g::text, 5, '0'), 1, 0, 'Regular', '{}' FROM generate_series(0, 1202) g"))
        {
            await batch.ExecuteNonQueryAsync();
        }

        Assert.Equal(ids, await ListAsync(_other.IdsAsync(default)));
    }

    private static async Task<int> SweepAsync(PostgresUploadRecords records, DateTimeOffset now)
    {
        var claimed = 0;
        await foreach (var id in records.ExpiredAsync(now, default))
        {
            if (await records.DeleteAsync(id, default))
            {
                claimed++;
            }
        }
        return claimed;
    }

    private static async Task<List<string>> ListAsync(IAsyncEnumerable<string> ids)
    {
        var list = new List<string>();
        await foreach (var id in ids)
        {
            list.Add(id);
        }
        return list;
    }
}
