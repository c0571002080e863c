using Baton.Storage.Files;
using Baton.Storage.Health;

namespace Baton.Storage.Hosting;

/// <summary>What a storage backend provides: the upload store (its optional abilities discovered from it), the served files,
/// and where digests and owners of those files live.</summary>
public sealed record StorageServices(IUploadStore Uploads, IFileSource Files, IFileDigests Digests, IFileOwners Owners)
{
    /// <summary>Which names hold which content (issue 15); a backend without one gets <see cref="NoContentIndex"/>.</summary>
    public IContentIndex Contents { get; init; } = NoContentIndex.Instance;

    /// <summary>How <c>/readyz</c> checks that this storage answers; null when the backend has no cheap check.</summary>
    public IDependencyProbe? Probe { get; init; }
}
