using Baton.Protocol.Problems;

namespace Baton.Storage;

/// <summary>
/// Checks a chunk while it is received (tus checksum, checksum-trailer): the store feeds it every byte of the chunk, in order and
/// once, as it stages them for the disk, then asks for the verdict once the body ended. Nothing is read back from the file.
/// One instance serves one append; calls never overlap.
/// </summary>
public abstract class ChunkVerifier : IDisposable
{
    /// <summary>The next bytes of the chunk.</summary>
    public abstract void Append(ReadOnlySpan<byte> bytes);

    /// <summary>After the whole chunk was fed: null accepts, or the rejection (the store then discards the chunk).</summary>
    public abstract ProtocolError? Verdict();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
