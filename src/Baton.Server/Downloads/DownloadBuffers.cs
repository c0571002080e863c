using Microsoft.Extensions.Options;

namespace Baton.Server.Downloads;

/// <summary>
/// Shares one server-wide budget of unflushed response bytes among the downloads running now. A lone download reads and flushes
/// in large batches (few flushes, few thread hand-offs: fast); hundreds at once each get a slice, so memory stays bounded by
/// the budget rather than growing with the number of connections.
/// </summary>
public sealed class DownloadBuffers(IOptions<BatonOptions> options)
{
    /// <summary>The smallest batch a download is cut to, however many run: one small block of baton serve's transport pool
    /// (LargeBlockMemoryPool.SmallBlockSize), which hundreds of busy connections get.</summary>
    public const int MinimumBatch = 16 * 1024;

    private int _active;

    /// <summary>Downloads holding a share now.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Counts a download in until the returned share is disposed.</summary>
    public Share Enter()
    {
        Interlocked.Increment(ref _active);
        return new Share(this);
    }

    /// <summary>The batch size for one download now: the budget split evenly, cut to whole <see cref="MinimumBatch"/>es (so
    /// batches fill whole small transport blocks), between <see cref="MinimumBatch"/> and <see cref="DownloadOptions.BufferSize"/>.
    /// 200 downloads of a 4 MiB budget get 16 KiB each, 64 get 64 KiB.</summary>
    public int BatchSize
    {
        get
        {
            var settings = options.Value.Downloads;
            var even = settings.BufferBudget / Math.Max(1, Active) / MinimumBatch * MinimumBatch;
            return (int)Math.Clamp(even, MinimumBatch, Math.Max(MinimumBatch, settings.BufferSize));
        }
    }

    /// <summary>One download's share of the budget; read <see cref="BatchSize"/> per batch, as the number of downloads changes.</summary>
    public sealed class Share(DownloadBuffers owner) : IDisposable
    {
        private int _disposed;

        public int BatchSize => owner.BatchSize;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._active);
            }
        }
    }
}
