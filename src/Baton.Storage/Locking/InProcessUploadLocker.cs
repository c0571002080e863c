using System.Collections.Concurrent;
using Baton.Storage.Telemetry;

namespace Baton.Storage.Locking;

/// <summary>
/// One in-process lock per upload (a semaphore and the holder's stop signal). Enough for one server; the draft's §6 concurrency
/// rule and tus's "store as much as possible" are both kept because a stopped holder commits before it releases.
/// </summary>
public sealed class InProcessUploadLocker(UploadLockOptions options, BatonMetrics? metrics = null) : IUploadLocker
{
    private readonly BatonMetrics _metrics = metrics ?? BatonMetrics.Unobserved;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public async Task<IUploadLease?> AcquireAsync(string id, CancellationToken cancellation)
    {
        var slot = _slots.GetOrAdd(id, static _ => new Slot());
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!await slot.Gate.WaitAsync(options.Wait, cancellation).ConfigureAwait(false))
        {
            slot.RequestStop();
            _metrics.ReleaseRequested();
            if (!await slot.Gate.WaitAsync(options.TakeoverWait, cancellation).ConfigureAwait(false))
            {
                _metrics.LockWaited(started, acquired: false);
                return null;
            }
        }
        _metrics.LockWaited(started, acquired: true);
        return slot.Grant();
    }

    public ValueTask<IUploadLease?> TryAcquireAsync(string id, CancellationToken cancellation)
    {
        var slot = _slots.GetOrAdd(id, static _ => new Slot());
        return ValueTask.FromResult<IUploadLease?>(slot.Gate.Wait(0, CancellationToken.None) ? slot.Grant() : null);
    }

    public void Forget(string id) => _slots.TryRemove(id, out _);

    private sealed class Slot
    {
        private CancellationTokenSource? _stop;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Lease Grant()
        {
            var stop = new CancellationTokenSource();
            Volatile.Write(ref _stop, stop);
            return new Lease(this, stop);
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

        public void Release(CancellationTokenSource stop)
        {
            Interlocked.CompareExchange(ref _stop, null, stop);
            stop.Dispose();
            Gate.Release();
        }
    }

    private sealed class Lease(Slot slot, CancellationTokenSource stop) : IUploadLease
    {
        private int _released;

        public CancellationToken Stopping { get; } = stop.Token;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slot.Release(stop);
            }
            return ValueTask.CompletedTask;
        }
    }
}
