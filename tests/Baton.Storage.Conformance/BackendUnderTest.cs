using Baton.Storage.Hosting;
using Baton.Storage.Locking;

namespace Baton.Storage.Conformance;

/// <summary>
/// One fresh instance of a backend for one test: its services over empty storage, and the few things a test must do by the
/// backend's own means (seed a file without going through the contracts under test, restart over the same storage).
/// Unfinished uploads expire <see cref="Expiration"/> after their last change.
/// </summary>
public abstract class BackendUnderTest : IAsyncDisposable
{
    public static readonly TimeSpan Expiration = TimeSpan.FromHours(1);

    /// <summary>The backend's services (uploads, files, digests, owners).</summary>
    public abstract StorageServices Services { get; }

    /// <summary>The locker the backend's store was given.</summary>
    public abstract IUploadLocker Locker { get; }

    /// <summary>Stores <paramref name="content"/> under the root-relative <paramref name="name"/> (creating folders), as a user
    /// or another program would — not through <see cref="Services"/>.</summary>
    public abstract Task WriteFileAsync(string name, byte[] content);

    /// <summary>Creates an empty folder (where the backend has folders; elsewhere a no-op that makes the name listable).</summary>
    public abstract Task CreateFolderAsync(string name);

    /// <summary>What <see cref="IUploadPlacement.PlaceAsync"/> takes for the root-relative <paramref name="name"/>.</summary>
    public abstract string PlacementTarget(string name);

    /// <summary>New services over the same storage, as after a process restart (the old ones are disposed).</summary>
    public abstract Task<StorageServices> RestartAsync();

    public abstract ValueTask DisposeAsync();
}
