namespace Baton.Cluster.Hosting;

/// <summary>Cluster mode (<c>Baton:Cluster:*</c>; env <c>BATON_CLUSTER__POSTGRES</c>): several instances sharing state in
/// PostgreSQL. Off while <see cref="Postgres"/> is empty.</summary>
public sealed class ClusterOptions
{
    /// <summary>Configuration section below <c>Baton</c>.</summary>
    public const string SectionName = "Cluster";

    /// <summary>The setting named in start-up errors.</summary>
    public const string PostgresSetting = "Baton:Cluster:Postgres";

    /// <summary>An Npgsql connection string of the shared database; empty = a single instance with state on its own root.</summary>
    public string Postgres { get; set; } = "";

    /// <summary>Whether this server is one instance of a cluster.</summary>
    public bool Enabled => Postgres.Length > 0;
}
