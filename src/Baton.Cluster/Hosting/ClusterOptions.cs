namespace Baton.Cluster.Hosting;

/// <summary>
/// Cluster mode (configuration <c>Baton:Cluster:*</c>, environment <c>BATON_CLUSTER__*</c>): several instances on one S3 bucket and
/// one PostgreSQL database behave as one server (docs/cluster.md). Off while <see cref="Postgres"/> is empty.
/// </summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    public const string PostgresSetting = "Baton:Cluster:Postgres";

    /// <summary>The shared database as an Npgsql connection string (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>).</summary>
    public string? Postgres { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Postgres);
}
