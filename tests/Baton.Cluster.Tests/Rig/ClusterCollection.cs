namespace Baton.Cluster.Tests.Rig;

/// <summary>The multi-instance test classes share one <see cref="ClusterFixture"/> and run one after another (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
