using System.Buffers;
using System.Security.Cryptography;
using Baton.Client.Transfers;

namespace Baton.Client.Uploads;

/// <summary>
/// The SHA-256 of the file being uploaded, built in file order from whatever bytes are offered: the bytes a request body streams
/// (no second read) and, where those cannot join in order (the prefix a resumed upload already sent, parallel parts), bytes read
/// from the local file. Bytes before the hashed position are skipped (a retry re-sends them), bytes after it wait for a catch-up.
/// </summary>
internal sealed class UploadDigest(string path) : IDisposable
{
    private const int ReadSize = 1 << 20;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Lock _lock = new();
    private long _position;

    /// <summary>How many leading bytes of the file are hashed.</summary>
    public long Position
    {
        get
        {
            lock (_lock)
            {
                return _position;
            }
        }
    }

    /// <summary>Hashes the part of <paramref name="bytes"/> (which are the file's bytes at <paramref name="offset"/>) that extends the hashed prefix.</summary>
    public void Append(long offset, ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            var skip = _position - offset;
            if (skip < 0 || skip >= bytes.Length)
            {
                return;
            }
            _hash.AppendData(bytes[(int)skip..]);
            _position = offset + bytes.Length;
        }
    }

    /// <summary>Reads the local file from the hashed position up to <paramref name="end"/> and hashes it.</summary>
    public async Task CatchUpAsync(long end, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
            // Position, not a local counter: a request body streaming meanwhile may have hashed further already.
            for (var at = Position; at < end; at = Position)
            {
                var n = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(ReadSize, end - at)), at, cancellationToken);
                if (n == 0)
                {
                    throw new TransferException(TransferFailure.LocalIo, $"{path} became shorter while uploading");
                }
                Append(at, buffer.AsSpan(0, n));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The SHA-256 of the whole file (<paramref name="size"/> bytes), reading whatever the uploads did not stream in order.</summary>
    public async Task<byte[]> FinishAsync(long size, CancellationToken cancellationToken)
    {
        await CatchUpAsync(size, cancellationToken);
        lock (_lock)
        {
            return _hash.GetCurrentHash();
        }
    }

    public void Dispose() => _hash.Dispose();
}
