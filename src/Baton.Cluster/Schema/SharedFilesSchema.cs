namespace Baton.Cluster.Schema;

/// <summary>Step 4 of the cluster schema: the stored-file index (issue 13 item 1) and pending proof-of-possession challenges (issue
/// 15 item 3), so that what one instance learns about stored content and hands out as a challenge holds on every instance.</summary>
public static class SharedFilesSchema
{
    public const string Sql = """
        -- One row per stored file name: its content (SHA-256 + size) as last recorded when an upload became that file. Rows are
        -- hints (IContentIndex): a user checks a name against the file's current digest before relying on it. `owner` is
        -- reserved for quotas and listings (issue 13) and NULL until they read it.
        CREATE TABLE baton_files (
            name       text        PRIMARY KEY,
            owner      text,
            size       bigint      NOT NULL CHECK (size >= 0),
            sha256     bytea       NOT NULL CHECK (length(sha256) = 32),
            updated_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX baton_files_content ON baton_files (sha256, size);

        -- The challenge pending per upload; answering takes it with one DELETE … RETURNING, so exactly one answer (on whichever
        -- instance) gets it. `ranges` are the byte ranges asked, as first/last pairs.
        CREATE TABLE baton_proof_challenges (
            upload_id  text        PRIMARY KEY,
            nonce      bytea       NOT NULL,
            ranges     bigint[]    NOT NULL,
            expires_at timestamptz NOT NULL);
        CREATE INDEX baton_proof_challenges_expiry ON baton_proof_challenges (expires_at);
        """;
}
