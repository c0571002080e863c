namespace Baton.Cluster.Schema;

/// <summary>
/// The cluster schema, as an append-only list of steps (docs/cluster.md, "Schema"). Never edit a released step: add the next one.
/// </summary>
public static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        // Version 1 only creates the version table itself (baton_schema, created by the migrator before any step), so that
        // later steps (upload records, stored-file index, tokens, signing keys) start from a known, recorded base.
        new(1, "baseline: the baton_schema version table", "SELECT 1"),
        // Placeholder so versions stay gapless on this branch; upload records (step 2) replace it when merged.
        new(2, "reserved for upload records", "SELECT 1"),
        new(3, "shared auth state: signing keys, tokens, per-caller rate windows", SharedAuthSchema.Sql),
    ];
}
