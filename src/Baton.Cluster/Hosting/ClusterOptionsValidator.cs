using Baton.Storage.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Baton.Cluster.Hosting;

/// <summary>
/// Checks <see cref="ClusterOptions"/> at start: a connection string Npgsql can read, and storage that every instance shares —
/// a cluster on the disk backend would give each instance a different set of files and uploads.
/// </summary>
public sealed class ClusterOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var failures = new List<string>();
        if (!IsConnectionString(options.Postgres))
        {
            // The value itself is never echoed: it carries the password.
            failures.Add($"{ClusterOptions.PostgresSetting} is not a PostgreSQL connection string (Host=…;Port=…;Database=…;Username=…;Password=…).");
        }
        var kind = storage.Value.Kind;
        if (string.Equals(kind, DiskStorageBackend.DiskKind, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{ClusterOptions.PostgresSetting} is set (cluster mode), which needs storage every instance shares: "
                         + $"set {StorageOptions.KindSetting} = s3 (is '{kind}'; the disk backend is local to one instance).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Kept out of <see cref="Validate"/> so that compiling it does not load Npgsql (and System.Data.Common) into
    /// every server, clustered or not: ~2 MiB of mapped code (bench/analysis.md, "Server memory").</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool IsConnectionString(string? value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
