using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem.Writing;

/// <summary>
/// Writes through the page cache straight from the request's buffers (one vectored <c>pwritev</c> per read, no copy of our
/// own) and hashes the same bytes right after, on the receiving thread: both are faster than loopback delivers bytes, so
/// nothing waits and no thread hand-off is paid (bench/analysis.md). The write is synchronous on purpose: .NET emulates
/// positional async writes on a non-async handle by queueing each one to the thread pool. With
/// <paramref name="startWriteback"/> writeback of every <see cref="WritebackStep"/> written is started at once
/// (sync_file_range), so the fsync at the next commit finds little left to write.
/// </summary>
internal sealed class BufferedChunkWriter(SafeFileHandle handle, long start, AppendHashes hashes, bool startWriteback) : IChunkWriter
{
    /// <summary>Bytes written between two writeback starts.</summary>
    public const int WritebackStep = 1024 * 1024;

    private readonly List<ReadOnlyMemory<byte>> _segments = [];
    private long _writtenBack;

    public long Taken { get; private set; }

    /// <summary>Always null: this writer's refusals are thrown from <see cref="WriteAsync"/> as they happen.</summary>
    public IOException? Failure => null;

    public ValueTask WriteAsync(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            RandomAccess.Write(handle, bytes.FirstSpan, start + Taken);
        }
        else
        {
            _segments.Clear();
            foreach (var segment in bytes)
            {
                _segments.Add(segment);
            }
            RandomAccess.Write(handle, _segments, start + Taken);
        }
        foreach (var segment in bytes)
        {
            hashes.Append(segment.Span);
        }
        Taken += bytes.Length;
        if (startWriteback && Taken - _writtenBack >= WritebackStep)
        {
            Writeback.Start(handle, start + _writtenBack, Taken - _writtenBack);
            _writtenBack = Taken;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<long> SettleAsync(bool staged) => ValueTask.FromResult(Taken);

    public ValueTask<long> FinishAsync() => ValueTask.FromResult(Taken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
