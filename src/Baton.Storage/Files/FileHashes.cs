using System.Buffers;
using System.Security.Cryptography;

namespace Baton.Storage.Files;

/// <summary>SHA-256 of an opened file version, read sequentially through one pooled buffer.</summary>
public static class FileHashes
{
    private const int BufferSize = 1024 * 1024;

    public static async Task<byte[]> Sha256Async(IFileReader reader, CancellationToken cancellation)
    {
        var length = reader.Version.Length;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            while (offset < length)
            {
                var read = await reader.ReadAsync(offset, buffer.AsMemory(0, (int)Math.Min(BufferSize, length - offset)), cancellation)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    throw new FileChangedException("the file shrank while it was being hashed");
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
