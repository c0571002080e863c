using Baton.Testing;

namespace Baton.Storage.S3.Tests;

/// <summary>One Ceph RGW for the whole test run (scripts/rgw-start.sh; never skipped — the script installs what it needs).</summary>
public sealed class RgwFixture : IAsyncLifetime
{
    public const string Collection = "rgw";

    public RgwEngine Engine { get; private set; } = null!;

    public async Task InitializeAsync() => Engine = await RgwEngine.StartAsync();

    public Task DisposeAsync() => Engine.StopIfStartedHereAsync();
}

[CollectionDefinition(RgwFixture.Collection)]
public sealed class RgwCollection : ICollectionFixture<RgwFixture>;
