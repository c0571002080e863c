using System.Diagnostics;
using Npgsql;

namespace Baton.Cluster.Tests.Postgres;

/// <summary>
/// The test PostgreSQL: BATON_PG_CONNECTION when scripts/run-tests.sh exported it, otherwise the one scripts/pg-start.sh starts
/// (idempotent, so a second call only reports the running one). Each test gets a schema of its own (search_path) so tests neither
/// see nor disturb each other's tables.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<string> Connection = new(FindOrStart);

    /// <summary>The test server's port (PostgreSQL started by scripts/pg-start.sh when it is not running).</summary>
    public static int Port => new NpgsqlConnectionStringBuilder(Connection.Value).Port;

    /// <summary>A data source on a fresh, empty schema; dispose it when done.</summary>
    public static async Task<NpgsqlDataSource> CreateIsolatedAsync() =>
        NpgsqlDataSource.Create(await CreateIsolatedConnectionStringAsync());

    /// <summary>A connection string on a fresh, empty schema, tagged with <paramref name="applicationName"/> (which
    /// pg_stat_activity shows, so a test can find and kill that "instance"'s connections).</summary>
    public static async Task<string> CreateIsolatedConnectionStringAsync(string applicationName = "baton-tests")
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = NpgsqlDataSource.Create(Connection.Value))
        await using (var create = admin.CreateCommand($"CREATE SCHEMA {schema}"))
        {
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Connection.Value) { SearchPath = schema, ApplicationName = applicationName }
            .ConnectionString;
    }

    private static string FindOrStart()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BATON_PG_CONNECTION");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Baton.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Baton.slnx not found above the test binaries.");
        }
        var start = new ProcessStartInfo(Path.Combine(root, "scripts", "pg-start.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/pg-start.sh failed ({process.ExitCode}): {errors}");
        }
        const string Key = "BATON_PG_CONNECTION=";
        var line = output.Split('\n').Single(l => l.StartsWith(Key, StringComparison.Ordinal));
        return line[Key.Length..].Trim().Trim('"');
    }
}
