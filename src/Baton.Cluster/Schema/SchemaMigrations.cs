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
        // Version 2: upload records, the source of truth every instance reads (Records/PostgresUploadRecords). `record` is the
        // backend's whole record; the other columns are copies of its summary for queries. A removed upload keeps its row with
        // `record` NULL (a tombstone: 410, not 404) until the sweep forgets it.
        new(2, "upload records", """
            CREATE TABLE baton_uploads (
                id            text        PRIMARY KEY,
                version       bigint      NOT NULL,
                upload_offset bigint      NOT NULL,
                length        bigint,
                kind          text        NOT NULL,
                owner         text,
                scope         text,
                expires_at    timestamptz,
                partial_ids   text[]      NOT NULL DEFAULT '{}',
                placed_name   text,
                sha256        bytea,
                record        jsonb,
                removed_at    timestamptz,
                updated_at    timestamptz NOT NULL DEFAULT now());
            CREATE INDEX baton_uploads_expiry ON baton_uploads (expires_at) WHERE record IS NOT NULL;
            CREATE INDEX baton_uploads_removed ON baton_uploads (removed_at) WHERE record IS NULL;
            """),
        // Version 3: what every instance must agree on to accept each other's links, tokens and limits (SharedAuthSchema).
        new(3, "shared auth state: signing keys, tokens, per-caller rate windows", SharedAuthSchema.Sql),
        // Version 4: the stored-file index and pending proof-of-possession challenges (SharedFilesSchema).
        new(4, "stored-file index and proof-of-possession challenges", SharedFilesSchema.Sql),
    ];
}
