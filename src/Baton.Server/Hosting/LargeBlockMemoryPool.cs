using System.Buffers;
using System.Collections.Concurrent;

namespace Baton.Server.Hosting;

/// <summary>
/// A memory pool of pinned blocks larger than Kestrel's default 4 KiB, so the socket transport receives (and sends) up to one
/// block per system call. With 4 KiB blocks a 1 GiB upload costs ~260,000 <c>recv</c> calls and the server is CPU-bound in the
/// kernel; with 64 KiB blocks, a sixteenth of that. Blocks are reused; at most <see cref="RetainedBlocks"/> are kept idle.
/// </summary>
public sealed class LargeBlockMemoryPool(int blockSize) : MemoryPool<byte>
{
    /// <summary>Idle blocks kept for reuse (the rest go back to the GC), bounding what an idle server holds.</summary>
    public const int RetainedBlocks = 256;

    private readonly ConcurrentQueue<byte[]> _blocks = new();

    public override int MaxBufferSize => blockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > blockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minBufferSize), $"at most {blockSize} bytes per block");
        }
        var block = _blocks.TryDequeue(out var reused) ? reused : GC.AllocateUninitializedArray<byte>(blockSize, pinned: true);
        return new Lease(this, block);
    }

    protected override void Dispose(bool disposing) => _blocks.Clear();

    private void Return(byte[] block)
    {
        if (_blocks.Count < RetainedBlocks)
        {
            _blocks.Enqueue(block);
        }
    }

    private sealed class Lease(LargeBlockMemoryPool pool, byte[] block) : IMemoryOwner<byte>
    {
        private byte[]? _block = block;

        public Memory<byte> Memory => _block ?? throw new ObjectDisposedException(nameof(Lease));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _block, null) is { } returned)
            {
                pool.Return(returned);
            }
        }
    }
}
