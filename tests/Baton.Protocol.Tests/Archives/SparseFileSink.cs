namespace Baton.Protocol.Tests.Archives;

/// <summary>
/// A write-only file stream that leaves holes where whole 4 KiB blocks of zeros are written (and can start at an offset),
/// so multi-gigabyte archives of sparse files cost no disk. Readers see the zeros.
/// </summary>
internal sealed class SparseFileSink(string path, long start = 0) : Stream
{
    private const int Block = 4096;
    private readonly FileStream _file = new(path, FileMode.Create, FileAccess.Write, FileShare.Read, 0);
    private long _position = start;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, Block);
            var piece = buffer[..take];
            if (take < Block || piece.ContainsAnyExcept((byte)0))
            {
                RandomAccess.Write(_file.SafeFileHandle, piece, _position);
            }
            _position += take;
            buffer = buffer[take..];
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Trailing holes still count: the file ends where the last byte was written or skipped.
            _file.SetLength(Math.Max(_file.Length, _position));
            _file.Dispose();
        }
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
