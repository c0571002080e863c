using Baton.Storage.Files;

namespace Baton.Storage.Hosting;

/// <summary>What a storage backend provides: the upload store (its optional abilities discovered from it), the served files,
/// and where digests and owners of those files live.</summary>
public sealed record StorageServices(IUploadStore Uploads, IFileSource Files, IFileDigests Digests, IFileOwners Owners);
