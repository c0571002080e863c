using System.IO.Hashing;
using Baton.Protocol.Archives;

namespace Baton.Protocol.Tests.Archives;

/// <summary>
/// Entries whose data is all zero bytes — the content of a sparse file — so archives of any planned size can be written
/// (into a <see cref="SparseFileSink"/>) without data on disk. CRC-32s are computed for real, over the zeros.
/// </summary>
internal sealed class ZeroContent : IZipContent
{
    private static readonly byte[] Zeros = new byte[1 << 20];

    public async ValueTask CopyAsync(ZipEntry entry, long offset, long count, Stream destination, CancellationToken cancellationToken)
    {
        for (; count > 0; count -= Math.Min(count, Zeros.Length))
        {
            await destination.WriteAsync(Zeros.AsMemory(0, (int)Math.Min(count, Zeros.Length)), cancellationToken);
        }
    }

    public ValueTask<uint> GetCrc32Async(ZipEntry entry, CancellationToken cancellationToken)
    {
        var crc = new Crc32();
        for (var left = entry.Length; left > 0; left -= Math.Min(left, Zeros.Length))
        {
            crc.Append(Zeros.AsSpan(0, (int)Math.Min(left, Zeros.Length)));
        }
        return ValueTask.FromResult(crc.GetCurrentHashAsUInt32());
    }
}
