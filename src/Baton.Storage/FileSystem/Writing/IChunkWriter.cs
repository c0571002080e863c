using System.Buffers;

namespace Baton.Storage.FileSystem.Writing;

/// <summary>
/// Writes one append's bytes into an upload's data file from the append's start offset on, feeding <see cref="AppendHashes"/>
/// with exactly the bytes it takes. Disposing waits for writes in flight and gives back staging memory; it writes nothing more.
/// </summary>
internal interface IChunkWriter : IAsyncDisposable
{
    /// <summary>Bytes taken so far (written, being written, or staged).</summary>
    long Taken { get; }

    /// <summary>Takes all of <paramref name="bytes"/> (written or copied before it returns, so the caller may release them).
    /// Throws when the disk refused an earlier or this write.</summary>
    ValueTask WriteAsync(ReadOnlySequence<byte> bytes);

    /// <summary>Waits for writes in flight and, when <paramref name="staged"/>, writes what is staged too; answers how many taken
    /// bytes the file now holds from the start offset — an offset that may be committed (after a flush to disk). The file may
    /// extend past it until <see cref="FinishAsync"/>. Throws when the disk refused a write.</summary>
    ValueTask<long> SettleAsync(bool staged);

    /// <summary>Writes what is still staged too and leaves the file exactly start + answer bytes long: all taken bytes, or fewer
    /// when the disk refused a write (never throws for that — the caller commits what is held).</summary>
    ValueTask<long> FinishAsync();

    /// <summary>The disk's refusal of a write, if one happened (so a full disk is told apart from a client that left).</summary>
    IOException? Failure { get; }
}
