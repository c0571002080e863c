using System.Collections.Concurrent;

namespace Baton.Storage.Locking;

/// <summary>
/// One in-process lock per upload. A newcomer waits <c>politeWait</c> for the holder to finish; if it is still busy the newcomer
/// asks it to stop (cancels the holder's <see cref="UploadLease.Stopping"/> token, so a client that vanished without the
/// connection noticing is cut off) and waits up to <c>takeoverWait</c> more. The draft's §6 concurrency rule and tus's
/// "the server SHOULD store as much as possible" are both kept: the stopped holder commits what it received before releasing.
/// </summary>
public sealed class UploadLocks(TimeSpan politeWait, TimeSpan takeoverWait)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Acquires the lock of <paramref name="id"/>, or returns null when the holder did not let go in time.</summary>
    public async Task<UploadLease?> AcquireAsync(string id, CancellationToken cancellation)
    {
        var slot = _slots.GetOrAdd(id, static _ => new Slot());
        if (!await slot.Gate.WaitAsync(politeWait, cancellation).ConfigureAwait(false))
        {
            slot.RequestStop();
            if (!await slot.Gate.WaitAsync(takeoverWait, cancellation).ConfigureAwait(false))
            {
                return null;
            }
        }
        return slot.Grant();
    }

    /// <summary>Acquires only if free right now (background work must never stop a client's request).</summary>
    public UploadLease? TryAcquire(string id)
    {
        var slot = _slots.GetOrAdd(id, static _ => new Slot());
        return slot.Gate.Wait(0) ? slot.Grant() : null;
    }

    /// <summary>Forgets the lock of a removed upload (called while holding it).</summary>
    public void Forget(string id) => _slots.TryRemove(id, out _);

    private sealed class Slot
    {
        private CancellationTokenSource? _stop;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public UploadLease Grant()
        {
            var stop = new CancellationTokenSource();
            Volatile.Write(ref _stop, stop);
            return new UploadLease(stop, () =>
            {
                Interlocked.CompareExchange(ref _stop, null, stop);
                stop.Dispose();
                Gate.Release();
            });
        }

        public void RequestStop()
        {
            try
            {
                Volatile.Read(ref _stop)?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The holder released between the read and the cancel: nothing to stop.
            }
        }
    }
}
