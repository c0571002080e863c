using Baton.Storage.Conformance;
using Baton.Storage.Locking;

namespace Baton.Storage.Tests.Conformance;

public sealed class DiskUploadStoreConformanceTests : UploadStoreConformance
{
    protected override Task<BackendUnderTest> CreateBackendAsync() => Task.FromResult<BackendUnderTest>(new DiskBackendUnderTest());
}

public sealed class DiskFileSourceConformanceTests : FileSourceConformance
{
    protected override Task<BackendUnderTest> CreateBackendAsync() => Task.FromResult<BackendUnderTest>(new DiskBackendUnderTest());
}

public sealed class InProcessUploadLockerConformanceTests : UploadLockerConformance
{
    protected override Task<IUploadLocker> CreateLocker(UploadLockOptions options) =>
        Task.FromResult<IUploadLocker>(new InProcessUploadLocker(options));
}

public sealed class DiskFileTreeConformanceTests : FileTreeConformance
{
    protected override Task<BackendUnderTest> CreateBackendAsync() => Task.FromResult<BackendUnderTest>(new DiskBackendUnderTest());
}

public sealed class DiskContentAdoptionConformanceTests : ContentAdoptionConformance
{
    protected override Task<BackendUnderTest> CreateBackendAsync() => Task.FromResult<BackendUnderTest>(new DiskBackendUnderTest());
}
