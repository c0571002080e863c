using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem.Writing;

/// <summary>
/// Copies the request's bytes into a ring of staging buffers; every full buffer is written and hashed in the background while
/// the next ones fill, so receiving, hashing and the disk overlap with several buffers in flight. Writes of different buffers
/// run side by side (positional, so the device sees a queue); hashing stays in byte order through a chain of continuations.
/// The file is switched to O_DIRECT, so nothing is copied into the page cache: buffers go out at aligned offsets, the tail is
/// written padded to the block size and the file then cut back to its true length (ftruncate); an append that starts
/// mid-block first reads that block back. Bytes past the committed offset are never trusted (the store cuts them off on
/// load), so padding a crash leaves behind is harmless.
/// </summary>
internal sealed class DirectChunkWriter : IChunkWriter
{
    private readonly SafeFileHandle _handle;
    private readonly long _start;
    private readonly AppendHashes _hashes;
    private readonly StagingBufferPool _pool;
    private const int Block = StagingBuffer.Alignment;

    private readonly Queue<InFlight> _inFlight = new();
    private readonly Stack<StagingBuffer> _free = new();
    private StagingBuffer[]? _buffers;
    private StagingBuffer _buffer;
    private long _bufferStart;  // file offset of the current buffer's first byte (aligned)
    private int _fill;          // bytes in the current buffer
    private int _fresh;         // where the current buffer's bytes of this append begin (after a block read back)
    private long _held;         // file offset up to which the file holds this append's bytes, written and confirmed
    private Task _hashed = Task.CompletedTask; // the last hash handed to the background (hashes run in byte order)
    private IOException? _failure;

    private DirectChunkWriter(SafeFileHandle handle, long start, AppendHashes hashes, StagingBufferPool pool, StagingBuffer[] buffers)
    {
        _handle = handle;
        _start = start;
        _hashes = hashes;
        _pool = pool;
        _buffers = buffers;
        _buffer = buffers[0];
        for (var i = buffers.Length - 1; i > 0; i--)
        {
            _free.Push(buffers[i]);
        }
        _bufferStart = start - start % Block;
        _held = start;
    }

    /// <summary>One write and one hash of a buffer handed to the background; the buffer is free again when both are done.</summary>
    private readonly record struct InFlight(StagingBuffer Buffer, Task Done, long End);

    public long Taken { get; private set; }

    public IOException? Failure => _failure;

    /// <summary>A direct writer with up to <paramref name="buffers"/> buffers (at least two), or null when staging memory is used
    /// up or the file system refuses O_DIRECT (then the handle is left as it was). <paramref name="handle"/> must be
    /// positioned-I/O capable and hold exactly <paramref name="start"/> bytes.</summary>
    public static DirectChunkWriter? TryCreate(SafeFileHandle handle, long start, AppendHashes hashes, StagingBufferPool pool,
        int buffers)
    {
        if ((pool.TryRent(Math.Max(2, buffers)) ?? pool.TryRent(2)) is not { } rented)
        {
            return null;
        }
        if (!DirectIo.TryEnable(handle))
        {
            pool.Return(rented);
            return null;
        }
        var writer = new DirectChunkWriter(handle, start, hashes, pool, rented);
        try
        {
            writer.ReadBackHead();
        }
        catch
        {
            pool.Return(rented);
            throw;
        }
        return writer;
    }

    /// <summary>The committed bytes of the block the append starts in, so the first write starts on a block boundary.</summary>
    private void ReadBackHead()
    {
        var head = (int)(_start - _bufferStart);
        if (head == 0)
        {
            return;
        }
        var read = RandomAccess.Read(_handle, _buffer.Span[..Block], _bufferStart);
        if (read < head)
        {
            throw new IOException($"The data file ends before its committed offset {_start}.");
        }
        _fill = _fresh = head;
    }

    public async ValueTask WriteAsync(ReadOnlySequence<byte> bytes)
    {
        if (_failure is not null)
        {
            throw new IOException("An earlier write failed.", _failure);
        }
        foreach (var segment in bytes)
        {
            var rest = segment;
            while (!rest.IsEmpty)
            {
                var count = Math.Min(rest.Length, _buffer.Size - _fill);
                rest.Span[..count].CopyTo(_buffer.Span[_fill..]);
                rest = rest[count..];
                _fill += count;
                Taken += count;
                if (_fill == _buffer.Size)
                {
                    await SubmitAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Hands the full current buffer to the background and continues in a free one (waiting for the oldest write
    /// in flight only when every buffer is taken).</summary>
    private async ValueTask SubmitAsync()
    {
        var buffer = _buffer;
        var position = _bufferStart;
        var fresh = _fresh;
        _hashed = _hashed.ContinueWith(_ => _hashes.Append(buffer.Span[fresh..]), CancellationToken.None,
            TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default);
        var written = Task.Run(() => RandomAccess.Write(_handle, buffer.Span, position));
        _inFlight.Enqueue(new InFlight(buffer, Task.WhenAll(_hashed, written), position + buffer.Size));
        _bufferStart += buffer.Size;
        _fill = _fresh = 0;
        while (!_free.TryPop(out _buffer!))
        {
            await ReclaimOldestAsync().ConfigureAwait(false);
        }
        if (_failure is not null)
        {
            throw new IOException("A write to the data file failed.", _failure);
        }
    }

    /// <summary>Waits for the oldest buffer in flight and frees it; the held offset advances only over writes that all succeeded,
    /// in file order. A refusal by the disk is remembered (not thrown).</summary>
    private async ValueTask ReclaimOldestAsync()
    {
        var oldest = _inFlight.Dequeue();
        try
        {
            await oldest.Done.ConfigureAwait(false);
            if (_failure is null)
            {
                _held = oldest.End;
            }
        }
        catch (IOException e)
        {
            _failure ??= e;
        }
        finally
        {
            _free.Push(oldest.Buffer);
        }
    }

    /// <summary>Waits for every buffer in flight; throws when the disk refused a write.</summary>
    private async ValueTask DrainAsync()
    {
        while (_inFlight.Count > 0)
        {
            await ReclaimOldestAsync().ConfigureAwait(false);
        }
        if (_failure is not null)
        {
            throw new IOException("A write to the data file failed.", _failure);
        }
    }

    public async ValueTask<long> SettleAsync(bool staged)
    {
        await DrainAsync().ConfigureAwait(false);
        if (staged && _bufferStart + _fill > _held)
        {
            // The staged part padded to whole blocks; the next write of this buffer covers the same blocks again.
            HashStaged();
            WriteStaged();
        }
        return _held - _start;
    }

    /// <summary>Hashes the current buffer's bytes not hashed yet (on this thread: every earlier hash has finished).</summary>
    private void HashStaged()
    {
        _hashes.Append(_buffer.Span[_fresh.._fill]);
        _fresh = _fill;
    }

    /// <summary>Writes the current buffer's bytes padded with zeros to whole blocks (the padding lies past the bytes held).</summary>
    private void WriteStaged()
    {
        var padded = (_fill + Block - 1) / Block * Block;
        _buffer.Span[_fill..padded].Clear();
        RandomAccess.Write(_handle, _buffer.Span[..padded], _bufferStart);
        _held = _bufferStart + _fill;
    }

    public async ValueTask<long> FinishAsync()
    {
        try
        {
            await DrainAsync().ConfigureAwait(false);
            HashStaged();
            if (_bufferStart + _fill > _held)
            {
                WriteStaged();
            }
            // The file ends exactly at the last byte held (cutting off padding, here or left by a checkpoint).
            if (RandomAccess.GetLength(_handle) != _held)
            {
                RandomAccess.SetLength(_handle, _held);
            }
        }
        catch (IOException e)
        {
            _failure ??= e;
            TryCutBack();
        }
        return _held - _start;
    }

    /// <summary>After a failed write: the file should end where the held bytes end (the store trusts only the committed offset
    /// anyway, so a failure here is tolerated).</summary>
    private void TryCutBack()
    {
        try
        {
            RandomAccess.SetLength(_handle, _held);
        }
        catch (IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_buffers is not { } buffers)
        {
            return;
        }
        while (_inFlight.TryDequeue(out var inFlight))
        {
            try
            {
                await inFlight.Done.ConfigureAwait(false);
            }
            catch (IOException)
            {
            }
        }
        _buffers = null;
        _pool.Return(buffers);
    }
}
