using Baton.Cluster.Hosting;

namespace Baton.Cluster.Auth;

/// <summary>
/// This instance's copy of the cluster's link-signing key (<see cref="ClusterSigningKeys"/>): loaded once — at start, or at the
/// first link checked if the database was away then — and kept, since the key never changes. A failed load is not remembered,
/// so the next request tries again.
/// </summary>
public sealed class SharedSigningKey(ClusterDatabase database)
{
    private volatile byte[]? _key;

    public async Task<byte[]> LoadAsync(CancellationToken cancellation) =>
        _key ??= await ClusterSigningKeys.LoadOrCreateAsync(database, ClusterSigningKeys.LinkKey, cancellation).ConfigureAwait(false);

    /// <summary>The key; blocks on the database only until the first successful load.</summary>
    public byte[] Key => _key ?? LoadAsync(CancellationToken.None).GetAwaiter().GetResult();
}
