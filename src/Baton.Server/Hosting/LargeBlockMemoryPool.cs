using System.Buffers;
using System.Collections.Concurrent;

namespace Baton.Server.Hosting;

/// <summary>
/// A memory pool of pinned blocks larger than Kestrel's default 4 KiB, so the socket transport receives (and sends) up to one
/// block per system call. With 4 KiB blocks a 1 GiB upload costs ~260,000 <c>recv</c> calls and the server is CPU-bound in the
/// kernel; with 64 KiB blocks, a sixteenth of that.
/// <para>
/// Large blocks are what few fast transfers need, but every connection moving data holds one or two, so hundreds of transfers
/// would hold hundreds of them. At most <see cref="LargeBlocksInUse"/> large blocks are handed out at once, counted across the
/// pools that share one <see cref="LargeBlockCount"/> (Kestrel asks the factory for more than one pool); beyond that a rent that
/// fits a <see cref="SmallBlockSize"/> block gets one: a few transfers keep large system calls, hundreds share memory that grows
/// by a quarter as much per connection (bench/analysis.md, "Server memory"). Blocks are reused; a bounded number of each size is
/// kept idle.
/// </para>
/// </summary>
public sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    /// <summary>Large blocks handed out at once before rents that fit a small block get one (4 MiB of 64 KiB blocks:
    /// a lone download's 1 MiB batches, or 64 connections asking for ranges, still fit).</summary>
    public const int LargeBlocksInUse = 64;

    /// <summary>The block given under load: what a <c>recv</c>/<c>send</c> moves when hundreds of connections are busy.</summary>
    public const int SmallBlockSize = 16 * 1024;

    /// <summary>Idle small blocks kept for reuse (8 MiB). Pinned blocks let go stay resident until a full collection, so the
    /// pool keeps what a load needs rather than letting it go and allocating it again.</summary>
    public const int RetainedSmallBlocks = 512;

    private readonly int _blockSize;
    private readonly bool _adaptive;
    private readonly ConcurrentQueue<byte[]> _large = new();
    private readonly ConcurrentQueue<byte[]> _small = new();
    private readonly LargeBlockCount _largeInUse;

    public LargeBlockMemoryPool(int blockSize, LargeBlockCount? shared = null)
    {
        _blockSize = blockSize;
        _adaptive = blockSize > SmallBlockSize;
        _largeInUse = shared ?? new LargeBlockCount();
    }

    public override int MaxBufferSize => _blockSize;

    /// <summary>Large blocks handed out now (by all pools sharing the count).</summary>
    public int LargeInUse => _largeInUse.Value;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > _blockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(minBufferSize), $"at most {_blockSize} bytes per block");
        }
        if (!_adaptive || minBufferSize > SmallBlockSize || TakeLargeSlot())
        {
            if (_adaptive && minBufferSize > SmallBlockSize)
            {
                _largeInUse.Add(); // a rent only a large block fits gets one, over the bound
            }
            return new Lease(this, _large.TryDequeue(out var large) ? large : Allocate(_blockSize));
        }
        return new Lease(this, _small.TryDequeue(out var small) ? small : Allocate(SmallBlockSize));
    }

    protected override void Dispose(bool disposing)
    {
        _large.Clear();
        _small.Clear();
    }

    private static byte[] Allocate(int size) => GC.AllocateUninitializedArray<byte>(size, pinned: true);

    private bool TakeLargeSlot()
    {
        if (_largeInUse.Add() <= LargeBlocksInUse)
        {
            return true;
        }
        _largeInUse.Remove();
        return false;
    }

    private void Return(byte[] block)
    {
        if (block.Length == _blockSize)
        {
            if (_adaptive)
            {
                _largeInUse.Remove();
            }
            if (_large.Count < LargeBlocksInUse)
            {
                _large.Enqueue(block);
            }
        }
        else if (_small.Count < RetainedSmallBlocks)
        {
            _small.Enqueue(block);
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
