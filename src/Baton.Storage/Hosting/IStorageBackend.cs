namespace Baton.Storage.Hosting;

/// <summary>
/// One storage backend: everything a server needs from storage, created once from the container. A new backend is one project
/// with one implementation of this, registered with <see cref="StorageServiceCollectionExtensions.AddBatonStorageBackend{T}"/>,
/// that passes the conformance suite (tests/Baton.Storage.Conformance).
/// </summary>
public interface IStorageBackend
{
    /// <summary>The value of <c>Baton:Storage:Kind</c> that selects this backend (case-insensitive).</summary>
    string Kind { get; }

    /// <summary>Creates the backend's services. Called once, at the first use of storage.</summary>
    StorageServices Create(IServiceProvider services);
}
