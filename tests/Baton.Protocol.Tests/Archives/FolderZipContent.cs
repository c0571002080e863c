using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Hashing;
using Baton.Protocol.Archives;
using Baton.Protocol.Validators;

namespace Baton.Protocol.Tests.Archives;

/// <summary>
/// A real folder as archive content, the way the server will back <see cref="IZipContent"/>: entries from a directory walk
/// (files, plus folders that have nothing in them), bytes read from the files, CRC-32s from a cache filled by the writer's
/// reports and otherwise computed on demand by reading the file. Records which CRCs had to be computed on demand.
/// </summary>
internal sealed class FolderZipContent(string root) : IZipContent
{
    private readonly ConcurrentDictionary<string, uint> _crcs = new();

    /// <summary>Entries whose CRC was asked for before the writer had reported it.</summary>
    public ConcurrentBag<string> ComputedOnDemand { get; } = [];

    public static List<ZipEntry> Scan(string root)
    {
        var entries = new List<ZipEntry>();
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (Directory.Exists(path))
            {
                if (!Directory.EnumerateFileSystemEntries(path).Any())
                {
                    entries.Add(ZipEntry.Folder(name, Directory.GetLastWriteTimeUtc(path)));
                }
                continue;
            }
            var info = new FileInfo(path);
            // Stands for the server's validator: anything that changes the bytes changes it.
            var validator = EntityTag.Strong($"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}");
            entries.Add(ZipEntry.File(name, info.Length, info.LastWriteTimeUtc, validator));
        }
        return entries;
    }

    public async ValueTask CopyAsync(ZipEntry entry, long offset, long count, Stream destination, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(Path.Combine(root, entry.Name));
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            while (count > 0)
            {
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), offset, cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException(entry.Name);
                }
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                offset += read;
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask<uint> GetCrc32Async(ZipEntry entry, CancellationToken cancellationToken)
    {
        if (_crcs.TryGetValue(entry.Name, out var known))
        {
            return known;
        }
        ComputedOnDemand.Add(entry.Name);
        var crc = new Crc32();
        await using var stream = File.OpenRead(Path.Combine(root, entry.Name));
        await crc.AppendAsync(stream, cancellationToken);
        return _crcs[entry.Name] = crc.GetCurrentHashAsUInt32();
    }

    public ValueTask Crc32ComputedAsync(ZipEntry entry, uint crc32, CancellationToken cancellationToken)
    {
        _crcs[entry.Name] = crc32;
        return ValueTask.CompletedTask;
    }
}
