namespace Baton.Cluster.Schema;

/// <summary>One step of the cluster schema: applied once, in order, inside the migration transaction.</summary>
/// <param name="Version">Strictly increasing from 1; recorded in <c>baton_schema</c> once applied.</param>
/// <param name="Description">What the step is for, recorded next to the version.</param>
/// <param name="Sql">The DDL; runs in the same transaction as the version row, so a step is applied whole or not at all.</param>
public sealed record SchemaMigration(int Version, string Description, string Sql);
