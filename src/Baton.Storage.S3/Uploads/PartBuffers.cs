using System.Buffers;

namespace Baton.Storage.S3.Uploads;

/// <summary>
/// Part-sized buffers for appends, pooled and bounded: at most <c>memoryLimit / partSize</c> exist at once, a further append waits
/// for one. This is all the memory an upload uses — nothing is staged on local disk.
/// </summary>
internal sealed class PartBuffers(int partSize, long memoryLimit) : IDisposable
{
    private readonly SemaphoreSlim _slots = new((int)Math.Max(1, memoryLimit / partSize));

    public int PartSize => partSize;

    public async Task<Lease> RentAsync(CancellationToken cancellation)
    {
        await _slots.WaitAsync(cancellation).ConfigureAwait(false);
        return new Lease(this, ArrayPool<byte>.Shared.Rent(partSize));
    }

    public void Dispose() => _slots.Dispose();

    internal sealed class Lease(PartBuffers owner, byte[] array) : IDisposable
    {
        private byte[]? _array = array;

        public byte[] Array => _array ?? throw new ObjectDisposedException(nameof(Lease));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } returned)
            {
                ArrayPool<byte>.Shared.Return(returned);
                owner._slots.Release();
            }
        }
    }
}
