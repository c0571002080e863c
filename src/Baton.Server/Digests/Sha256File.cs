using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Baton.Server.Digests;

/// <summary>SHA-256 of an open file, read sequentially through one pooled buffer.</summary>
public static class Sha256File
{
    private const int BufferSize = 1024 * 1024;

    public static async Task<byte[]> HashAsync(SafeFileHandle handle, long length, CancellationToken cancellation)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            while (offset < length)
            {
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, (int)Math.Min(BufferSize, length - offset)), offset, cancellation);
                if (read == 0)
                {
                    throw new IOException("the file shrank while it was being hashed");
                }
                hash.AppendData(buffer, 0, read);
                offset += read;
            }
            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
