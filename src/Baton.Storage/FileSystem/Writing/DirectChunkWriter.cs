using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem.Writing;

/// <summary>
/// Writes with O_DIRECT through two aligned staging buffers: the request's bytes are copied into one while the other is hashed
/// and written in the background, so receiving, hashing and the disk overlap and nothing is copied into the page cache.
/// Full buffers go out at aligned offsets. The tail is written padded to the block size and the file then cut back to its true
/// length (ftruncate); an append that starts mid-block first reads that block back so the buffer starts aligned. Bytes past
/// the committed offset are never trusted (the store cuts them off on load), so padding a crash leaves behind is harmless.
/// </summary>
internal sealed class DirectChunkWriter : IChunkWriter
{
    private const int Block = StagingBuffer.Alignment;

    private readonly SafeFileHandle _handle;
    private readonly long _start;
    private readonly AppendHashes _hashes;
    private readonly StagingBufferPool _pool;
    private StagingBuffer[]? _buffers;
    private int _current;
    private long _bufferStart; // file offset of the current buffer's first byte (aligned)
    private int _fill;         // bytes in the current buffer
    private int _fresh;        // where the current buffer's bytes of this append begin (after a block read back)
    private long _held;        // file offset up to which the file holds this append's bytes, written and confirmed
    private Task? _pending;
    private long _pendingEnd;
    private IOException? _failure;

    private DirectChunkWriter(SafeFileHandle handle, long start, AppendHashes hashes, StagingBufferPool pool, StagingBuffer[] buffers)
    {
        _handle = handle;
        _start = start;
        _hashes = hashes;
        _pool = pool;
        _buffers = buffers;
        _bufferStart = start - start % Block;
        _held = start;
    }

    public long Taken { get; private set; }

    /// <summary>A direct writer, or null when staging memory is used up or the file system refuses O_DIRECT (then the handle is
    /// left as it was). <paramref name="handle"/> must be positioned-I/O capable and hold exactly <paramref name="start"/> bytes.</summary>
    public static DirectChunkWriter? TryCreate(SafeFileHandle handle, long start, AppendHashes hashes, StagingBufferPool pool)
    {
        if (pool.TryRent(2) is not { } buffers)
        {
            return null;
        }
        if (!DirectIo.TryEnable(handle))
        {
            pool.Return(buffers);
            return null;
        }
        var writer = new DirectChunkWriter(handle, start, hashes, pool, buffers);
        try
        {
            writer.ReadBackHead();
        }
        catch
        {
            pool.Return(buffers);
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
        var read = RandomAccess.Read(_handle, _buffers![0].Span[..Block], _bufferStart);
        if (read < head)
        {
            throw new IOException($"The data file ends before its committed offset {_start}.");
        }
        _fill = _fresh = head;
    }

    public IOException? Failure => _failure;

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
                var buffer = _buffers![_current];
                var count = Math.Min(rest.Length, buffer.Size - _fill);
                rest.Span[..count].CopyTo(buffer.Span[_fill..]);
                rest = rest[count..];
                _fill += count;
                Taken += count;
                if (_fill == buffer.Size)
                {
                    await SubmitAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Hands the full current buffer to the background (after the previous one finished) and switches buffers.</summary>
    private async ValueTask SubmitAsync()
    {
        await WaitAsync().ConfigureAwait(false);
        var buffer = _buffers![_current];
        var position = _bufferStart;
        var fresh = _fresh;
        _pendingEnd = position + buffer.Size;
        _pending = Task.Run(() => FlushAsync(buffer, position, fresh));
        _current ^= 1;
        _bufferStart += buffer.Size;
        _fill = _fresh = 0;
    }

    /// <summary>Writes a full buffer while hashing its new bytes on this thread.</summary>
    private async Task FlushAsync(StagingBuffer buffer, long position, int fresh)
    {
        var write = Task.Run(() => RandomAccess.Write(_handle, buffer.Span, position));
        _hashes.Append(buffer.Span[fresh..]);
        await write.ConfigureAwait(false);
    }

    /// <summary>Waits for the background write; remembers and rethrows a refusal by the disk.</summary>
    private async ValueTask WaitAsync()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            try
            {
                await pending.ConfigureAwait(false);
                _held = _pendingEnd;
            }
            catch (IOException e)
            {
                _failure = e;
            }
        }
        if (_failure is not null)
        {
            throw new IOException("A write to the data file failed.", _failure);
        }
    }

    public async ValueTask<long> SettleAsync(bool staged)
    {
        await WaitAsync().ConfigureAwait(false);
        if (staged && _bufferStart + _fill > _held)
        {
            // The staged part padded to whole blocks; the next write of this buffer covers the same blocks again.
            var buffer = _buffers![_current];
            _hashes.Append(buffer.Span[_fresh.._fill]);
            _fresh = _fill;
            WritePadded(buffer);
        }
        return _held - _start;
    }

    /// <summary>Writes the current buffer's bytes padded with zeros to whole blocks (the padding lies past the bytes held).</summary>
    private void WritePadded(StagingBuffer buffer)
    {
        var padded = (_fill + Block - 1) / Block * Block;
        buffer.Span[_fill..padded].Clear();
        RandomAccess.Write(_handle, buffer.Span[..padded], _bufferStart);
        _held = _bufferStart + _fill;
    }

    public async ValueTask<long> FinishAsync()
    {
        try
        {
            await WaitAsync().ConfigureAwait(false);
            var buffer = _buffers![_current];
            _hashes.Append(buffer.Span[_fresh.._fill]);
            _fresh = _fill;
            if (_bufferStart + _fill > _held)
            {
                WritePadded(buffer);
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
        if (_pending is { } pending)
        {
            _pending = null;
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (IOException)
            {
            }
        }
        _buffers = null;
        _pool.Return(buffers);
    }
}
