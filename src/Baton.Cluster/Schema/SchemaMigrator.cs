using Npgsql;

namespace Baton.Cluster.Schema;

/// <summary>
/// Brings the database to the newest schema at start. Idempotent and safe when several instances start at once: the whole run
/// is one transaction that first takes a transaction-level advisory lock, so instances migrate one after another and the later
/// ones find every step already recorded in <c>baton_schema</c>. A failing step rolls back everything of that run.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, IReadOnlyList<SchemaMigration> migrations)
{
    // Arbitrary but fixed key of the advisory lock that serialises migrations across instances ("baton" in ASCII + 1).
    internal const long MigrationLockKey = 0x626174_6f6e_01;

    public SchemaMigrator(NpgsqlDataSource dataSource) : this(dataSource, SchemaMigrations.All) { }

    /// <summary>Applies the missing steps; returns the versions applied by this call (empty when already current).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        Validate(migrations);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(" + MigrationLockKey + ")", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS baton_schema (
                version     integer     PRIMARY KEY,
                description text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);

        var current = await CurrentVersionAsync(connection, cancellationToken);
        var applied = new List<int>();
        foreach (var step in migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, step.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO baton_schema (version, description) VALUES ($1, $2)", connection);
            record.Parameters.AddWithValue(step.Version);
            record.Parameters.AddWithValue(step.Description);
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(step.Version);
        }
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>The newest recorded version, 0 when none.</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM baton_schema", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void Validate(IReadOnlyList<SchemaMigration> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Schema step {i} has version {steps[i].Version}; versions must run 1, 2, 3… without gaps.");
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
