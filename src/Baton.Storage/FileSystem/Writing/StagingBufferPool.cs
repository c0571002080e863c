namespace Baton.Storage.FileSystem.Writing;

/// <summary>
/// Staging buffers for direct writes, bounded in total: at most <c>limit</c> bytes of them exist at once, rented or idle.
/// When that is reached <see cref="TryRent"/> answers null and the append writes through the page cache instead, so many
/// concurrent uploads cost no more memory than a few. Idle buffers are kept for the next append (native memory handed back
/// to the allocator would only be asked for again).
/// </summary>
internal sealed class StagingBufferPool(int bufferSize, long limit) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Stack<StagingBuffer> _idle = new();
    private long _allocated;
    private bool _disposed;

    public int BufferSize => bufferSize;

    /// <summary><paramref name="count"/> buffers, or null when they would take the pool past its limit.</summary>
    public StagingBuffer[]? TryRent(int count)
    {
        lock (_gate)
        {
            var missing = Math.Max(0, count - _idle.Count);
            if (_disposed || _allocated + (long)missing * bufferSize > limit)
            {
                return null;
            }
            var rented = new StagingBuffer[count];
            for (var i = 0; i < count; i++)
            {
                if (!_idle.TryPop(out var buffer))
                {
                    buffer = new StagingBuffer(bufferSize);
                    _allocated += bufferSize;
                }
                rented[i] = buffer;
            }
            return rented;
        }
    }

    public void Return(StagingBuffer[] buffers)
    {
        lock (_gate)
        {
            foreach (var buffer in buffers)
            {
                if (_disposed)
                {
                    buffer.Dispose();
                    _allocated -= bufferSize;
                }
                else
                {
                    _idle.Push(buffer);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_idle.TryPop(out var buffer))
            {
                buffer.Dispose();
                _allocated -= bufferSize;
            }
        }
    }
}
