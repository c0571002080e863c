namespace Baton.Cluster.Schema;

/// <summary>Step 3 of the cluster schema: what every instance must agree on to accept each other's links, tokens and limits.</summary>
public static class SharedAuthSchema
{
    public const string Sql = """
        -- One row per key name; the first instance inserts its random key, every later one reads that row (INSERT … ON CONFLICT
        -- DO NOTHING, then SELECT), so all instances sign and verify links with the same key.
        CREATE TABLE baton_signing_keys (
            name       text        PRIMARY KEY,
            key        bytea       NOT NULL CHECK (length(key) >= 32),
            created_at timestamptz NOT NULL DEFAULT now());

        -- API tokens (what `baton token create --cluster` writes): the secret's SHA-256 only, never the secret.
        CREATE TABLE baton_tokens (
            name            text        PRIMARY KEY,
            sha256          text        NOT NULL UNIQUE,
            permissions     text[]      NOT NULL,
            quota_bytes     bigint      NOT NULL DEFAULT 0,
            max_upload_size bigint      NOT NULL DEFAULT 0,
            scope           text,
            created_at      timestamptz NOT NULL DEFAULT now());

        -- Per-caller fixed windows of a rate limit: one UPSERT per counted request, by every instance, on the database's clock.
        CREATE TABLE baton_rate_windows (
            rate_limit   text        NOT NULL,
            caller       text        NOT NULL,
            window_start timestamptz NOT NULL,
            requests     integer     NOT NULL,
            PRIMARY KEY (rate_limit, caller, window_start));
        CREATE INDEX baton_rate_windows_start ON baton_rate_windows (window_start);
        """;
}
