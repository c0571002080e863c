using Baton.Storage.Conformance;

namespace Baton.Storage.S3.Tests.Conformance;

[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class S3UploadStoreConformanceTests(RgwFixture rgw) : UploadStoreConformance
{
    protected override Task<BackendUnderTest> CreateBackendAsync() => Task.FromResult<BackendUnderTest>(new S3BackendUnderTest(rgw.Engine));
}

[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class S3FileSourceConformanceTests(RgwFixture rgw) : FileSourceConformance
{
    protected override Task<BackendUnderTest> CreateBackendAsync() => Task.FromResult<BackendUnderTest>(new S3BackendUnderTest(rgw.Engine));
}

[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class S3FileTreeConformanceTests(RgwFixture rgw) : FileTreeConformance
{
    protected override Task<BackendUnderTest> CreateBackendAsync() => Task.FromResult<BackendUnderTest>(new S3BackendUnderTest(rgw.Engine));
}

[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class S3ContentAdoptionConformanceTests(RgwFixture rgw) : ContentAdoptionConformance
{
    protected override Task<BackendUnderTest> CreateBackendAsync() => Task.FromResult<BackendUnderTest>(new S3BackendUnderTest(rgw.Engine));
}
