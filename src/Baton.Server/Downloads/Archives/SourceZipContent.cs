using System.Buffers;
using System.IO.Hashing;
using Baton.Protocol.Archives;
using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Server.Downloads.Archives;

/// <summary>
/// An archive's bytes from the file source: each entry's data read from the version its validator names (a file that changed
/// since the plan throws <see cref="FileChangedException"/>, so no archive is spliced from two states), CRC-32s from
/// <see cref="ArchiveCrcs"/> or computed by reading the file once. One pooled buffer per copy.
/// </summary>
public sealed class SourceZipContent(IFileSource source, RelativePath folder, ArchiveCrcs crcs, int bufferSize) : IZipContent
{
    public async ValueTask CopyAsync(ZipEntry entry, long offset, long count, Stream destination, CancellationToken cancellationToken)
    {
        await using var reader = await OpenAsync(entry, cancellationToken);
        await CopyAsync(reader, offset, count, destination, null, cancellationToken);
    }

    public async ValueTask<uint> GetCrc32Async(ZipEntry entry, CancellationToken cancellationToken)
    {
        if (crcs.TryGet(NameOf(entry), entry.Validator, out var known))
        {
            return known;
        }
        await using var reader = await OpenAsync(entry, cancellationToken);
        var crc = new Crc32();
        await CopyAsync(reader, 0, entry.Length, null, crc, cancellationToken);
        var value = crc.GetCurrentHashAsUInt32();
        crcs.Remember(NameOf(entry), entry.Validator, value);
        return value;
    }

    public ValueTask Crc32ComputedAsync(ZipEntry entry, uint crc32, CancellationToken cancellationToken)
    {
        crcs.Remember(NameOf(entry), entry.Validator, crc32);
        return ValueTask.CompletedTask;
    }

    private string NameOf(ZipEntry entry) => folder.IsRoot ? entry.Name : folder + "/" + entry.Name;

    private async ValueTask<IFileReader> OpenAsync(ZipEntry entry, CancellationToken cancellation)
    {
        var name = RelativePath.TryParse(NameOf(entry), allowHidden: true, out var path) == PathCheck.Invalid ? null : path;
        var reader = name is null ? null : await source.OpenAsync(name, cancellation);
        if (reader is null || reader.Version.ETag.Opaque != entry.Validator.Opaque || reader.Version.Length != entry.Length)
        {
            if (reader is not null)
            {
                await reader.DisposeAsync();
            }
            throw new FileChangedException($"'{entry.Name}' changed while its folder's archive was sent.");
        }
        return reader;
    }

    private async ValueTask CopyAsync(IFileReader reader, long offset, long count, Stream? destination, Crc32? crc,
        CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            while (count > 0)
            {
                var read = await reader.ReadAsync(offset, buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellation);
                if (read == 0)
                {
                    throw new FileChangedException("A file became shorter while its folder's archive was sent.");
                }
                crc?.Append(buffer.AsSpan(0, read));
                if (destination is not null)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellation);
                }
                offset += read;
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
