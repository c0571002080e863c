using Baton.Cluster.Schema;
using Baton.Cluster.Tests.Postgres;
using Npgsql;

namespace Baton.Cluster.Tests.Schema;

/// <summary>Migrations against a real PostgreSQL 15 (scripts/pg-start.sh), each test on a schema of its own.</summary>
public sealed class SchemaMigratorTests
{
    private static readonly SchemaMigration[] TwoSteps =
    [
        new(1, "one", "CREATE TABLE first_table (id integer PRIMARY KEY)"),
        new(2, "two", "CREATE TABLE second_table (id integer PRIMARY KEY)"),
    ];

    [Fact]
    public async Task Applies_every_step_once_and_a_second_start_applies_nothing()
    {
        await using var source = await TestDatabase.CreateIsolatedAsync();

        var first = await new SchemaMigrator(source, TwoSteps).MigrateAsync(CancellationToken.None);
        var second = await new SchemaMigrator(source, TwoSteps).MigrateAsync(CancellationToken.None);

        Assert.Equal([1, 2], first);
        Assert.Empty(second);
        Assert.Equal(2, await VersionAsync(source));
        Assert.True(await TableExistsAsync(source, "second_table"));
    }

    [Fact]
    public async Task A_new_step_is_applied_on_top_of_an_older_schema()
    {
        await using var source = await TestDatabase.CreateIsolatedAsync();
        await new SchemaMigrator(source, TwoSteps[..1]).MigrateAsync(CancellationToken.None);

        var applied = await new SchemaMigrator(source, TwoSteps).MigrateAsync(CancellationToken.None);

        Assert.Equal([2], applied);
        Assert.Equal(2, await VersionAsync(source));
    }

    [Fact]
    public async Task A_failing_step_rolls_back_the_whole_run()
    {
        await using var source = await TestDatabase.CreateIsolatedAsync();
        SchemaMigration[] broken = [.. TwoSteps, new(3, "broken", "CREATE TABLE no_such_syntax (")];

        await Assert.ThrowsAsync<PostgresException>(() => new SchemaMigrator(source, broken).MigrateAsync(CancellationToken.None));

        Assert.False(await TableExistsAsync(source, "first_table"));
        Assert.False(await TableExistsAsync(source, "baton_schema"));
    }

    [Fact]
    public async Task Instances_starting_at_once_apply_each_step_exactly_once()
    {
        await using var source = await TestDatabase.CreateIsolatedAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => new SchemaMigrator(source, TwoSteps).MigrateAsync(CancellationToken.None))));

        Assert.Equal([1, 2], runs.SelectMany(r => r).Order());
        Assert.Equal(2, await VersionAsync(source));
    }

    [Fact]
    public async Task Versions_with_a_gap_are_refused_before_touching_the_database()
    {
        await using var source = await TestDatabase.CreateIsolatedAsync();
        SchemaMigration[] gap = [TwoSteps[0], new(3, "three", "SELECT 1")];

        await Assert.ThrowsAsync<InvalidOperationException>(() => new SchemaMigrator(source, gap).MigrateAsync(CancellationToken.None));

        Assert.False(await TableExistsAsync(source, "baton_schema"));
    }

    [Fact]
    public async Task The_shipped_schema_migrates_to_its_newest_version()
    {
        await using var source = await TestDatabase.CreateIsolatedAsync();

        await new SchemaMigrator(source).MigrateAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrations.All[^1].Version, await VersionAsync(source));
    }

    private static async Task<int> VersionAsync(NpgsqlDataSource source)
    {
        await using var connection = await source.OpenConnectionAsync();
        return await SchemaMigrator.CurrentVersionAsync(connection, CancellationToken.None);
    }

    private static async Task<bool> TableExistsAsync(NpgsqlDataSource source, string table)
    {
        await using var command = source.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
        command.Parameters.AddWithValue(table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
