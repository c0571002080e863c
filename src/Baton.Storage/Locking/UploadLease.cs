namespace Baton.Storage.Locking;

/// <summary>Holding an upload's lock. <see cref="Stopping"/> fires when a newer request asks the holder to let go.</summary>
public sealed class UploadLease : IDisposable
{
    private Action? _release;

    internal UploadLease(CancellationTokenSource stop, Action release)
    {
        _release = release;
        Stopping = stop.Token;
    }

    public CancellationToken Stopping { get; }

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
