namespace Baton.Storage.Locking;

/// <summary>Holding an upload's lock until disposed. <see cref="Stopping"/> fires when a newer request asks the holder to let go:
/// the holder commits what it received and releases (tus: "the server SHOULD store as much as possible").</summary>
public interface IUploadLease : IAsyncDisposable
{
    CancellationToken Stopping { get; }
}
