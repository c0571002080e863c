namespace Baton.Storage.Locking;

/// <summary>
/// Exclusive access to one upload at a time, across everything that shares this locker (one process in-process; a cluster with a
/// distributed implementation). A newcomer waits <see cref="UploadLockOptions.Wait"/> for the holder to finish; if it is still busy
/// the newcomer asks it to let go (the holder's <see cref="IUploadLease.Stopping"/> fires, as tusd's lock release requests do) and
/// waits up to <see cref="UploadLockOptions.TakeoverWait"/> more. A store is given its locker; it never creates one.
/// </summary>
public interface IUploadLocker
{
    /// <summary>Acquires the lock of <paramref name="id"/>, or returns null when the holder did not let go in time.</summary>
    Task<IUploadLease?> AcquireAsync(string id, CancellationToken cancellation);

    /// <summary>Acquires only if free right now (background work must never stop a client's request).</summary>
    ValueTask<IUploadLease?> TryAcquireAsync(string id, CancellationToken cancellation);

    /// <summary>Forgets the lock of a removed upload (called while holding it).</summary>
    void Forget(string id);
}
