using Baton.Testing;

namespace Baton.Cluster.Tests;

/// <summary>One Ceph RGW for the whole test run (scripts/rgw-start.sh, shared with every session; never stopped here unless
/// this run started it).</summary>
public sealed class RgwFixture : IAsyncLifetime
{
    public const string Collection = "rgw";

    public RgwEngine Engine { get; private set; } = null!;

    public async Task InitializeAsync() => Engine = await RgwEngine.StartAsync();

    public Task DisposeAsync() => Engine.StopIfStartedHereAsync();
}

[CollectionDefinition(RgwFixture.Collection)]
public sealed class RgwCollection : ICollectionFixture<RgwFixture>;
