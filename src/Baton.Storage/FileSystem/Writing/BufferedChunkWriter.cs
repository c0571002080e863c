using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem.Writing;

/// <summary>
/// Writes through the page cache straight from the request's buffers (one vectored <c>pwritev</c> per read, no copy of our
/// own). The fallback when O_DIRECT is refused or staging memory is used up.
/// </summary>
internal sealed class BufferedChunkWriter(SafeFileHandle handle, long start, AppendHashes hashes) : IChunkWriter
{
    private readonly List<ReadOnlyMemory<byte>> _segments = [];

    public long Taken { get; private set; }

    /// <summary>Always null: this writer's refusals are thrown from <see cref="WriteAsync"/> as they happen.</summary>
    public IOException? Failure => null;

    public async ValueTask WriteAsync(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            await RandomAccess.WriteAsync(handle, bytes.First, start + Taken).ConfigureAwait(false);
        }
        else
        {
            _segments.Clear();
            foreach (var segment in bytes)
            {
                _segments.Add(segment);
            }
            await RandomAccess.WriteAsync(handle, _segments, start + Taken).ConfigureAwait(false);
        }
        foreach (var segment in bytes)
        {
            hashes.Append(segment.Span);
        }
        Taken += bytes.Length;
    }

    public ValueTask<long> SettleAsync(bool staged) => ValueTask.FromResult(Taken);

    public ValueTask<long> FinishAsync() => ValueTask.FromResult(Taken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
