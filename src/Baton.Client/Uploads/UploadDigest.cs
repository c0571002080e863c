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
    private const int ReadSize = 4 << 20;

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

    /// <summary>
    /// Reads the local file from the hashed position up to <paramref name="end"/> and hashes it. The next block is read while the
    /// current one is hashed, so a file on a slow disk costs max(read, hash) rather than their sum (hashing first, before an instant
    /// upload, must cost no more than hashing the file locally: issue 15 §Benchmarks).
    /// </summary>
    public async Task CatchUpAsync(long end, CancellationToken cancellationToken)
    {
        var at = Position;
        if (at >= end)
        {
            return;
        }
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(ReadSize), ArrayPool<byte>.Shared.Rent(ReadSize)];
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        Task<int>? pending = null;
        try
        {
            var current = 0;
            var reading = Read(file, buffers[current], at, end, cancellationToken);
            pending = reading;
            while (true)
            {
                var n = await reading;
                pending = null;
                if (n == 0)
                {
                    throw new TransferException(TransferFailure.LocalIo, $"{path} became shorter while uploading");
                }
                // Position, not only this loop's counter: a request body streaming meanwhile may have hashed further already.
                var next = Math.Max(at + n, Position);
                if (next < end)
                {
                    reading = Read(file, buffers[1 - current], next, end, cancellationToken);
                    pending = reading;
                }
                Append(at, buffers[current].AsSpan(0, n));
                if (next >= end)
                {
                    return;
                }
                at = next;
                current = 1 - current;
            }
        }
        finally
        {
            if (pending is not null)
            {
                // The buffer goes back to the pool only once no read is writing into it.
                await Task.WhenAny(pending);
            }
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    private static Task<int> Read(Microsoft.Win32.SafeHandles.SafeFileHandle file, byte[] buffer, long at, long end, CancellationToken cancellationToken) =>
        RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(ReadSize, end - at)), at, cancellationToken).AsTask();

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
