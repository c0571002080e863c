using System.IO.Hashing;

namespace Baton.Protocol.Archives;

/// <summary>
/// What <see cref="IZipContent.CopyAsync"/> writes into: forwards to the response, counts (a source may not send more or
/// fewer bytes than planned — every later offset would be wrong) and, when the entry's data passes whole, computes its CRC-32.
/// </summary>
internal sealed class ZipDataStream(Stream destination, long expected, bool computeCrc) : Stream
{
    private readonly Crc32? _crc = computeCrc ? new Crc32() : null;

    public long Written { get; private set; }

    /// <summary>The CRC-32 of everything written; only when asked for at construction.</summary>
    public uint Crc32 => _crc?.GetCurrentHashAsUInt32() ?? throw new InvalidOperationException("No CRC-32 was computed.");

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Account(buffer);
        destination.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Account(buffer.Span);
        return destination.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => destination.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => destination.FlushAsync(cancellationToken);

    /// <summary>Throws unless exactly the planned bytes were written.</summary>
    public void EnsureComplete(ZipEntry entry)
    {
        if (Written != expected)
        {
            throw new InvalidDataException($"The source sent {Written} bytes of '{entry.Name}' where {expected} were planned.");
        }
    }

    private void Account(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > expected - Written)
        {
            throw new InvalidDataException($"The source sent more than the {expected} bytes planned.");
        }
        Written += buffer.Length;
        _crc?.Append(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
