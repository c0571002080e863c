using System.Text;
using Baton.Protocol.Validators;

namespace Baton.Protocol.Archives;

/// <summary>
/// The exact byte layout of a folder as an uncompressed ZIP (STORE, ZIP64 where needed), computed from the entries alone,
/// before a byte of data is read: the total length, a strong ETag derived from the entries, and the mapping of any byte range
/// to the segments that produce it — so a Range or If-Range request is served from any offset. The plan holds a few numbers
/// per entry, never generated header bytes: <see cref="ZipWriter"/> regenerates each header when its bytes are sent.
/// Entries are sorted by name (ordinal), so the same set gives the same bytes whatever order a directory listing returned.
/// </summary>
public sealed class ZipPlan
{
    private readonly ZipEntry[] _entries;
    private readonly ZipEntryLayout[] _layouts;

    private ZipPlan(ZipEntry[] entries, ZipEntryLayout[] layouts, long centralOffset, long centralLength, EntityTag etag)
    {
        _entries = entries;
        _layouts = layouts;
        CentralDirectoryOffset = centralOffset;
        CentralDirectoryLength = centralLength;
        IsZip64 = entries.Length >= ZipFormat.Max16 || centralOffset >= ZipFormat.Max32 || centralLength >= ZipFormat.Max32;
        EndLength = ZipFormat.EndLength + (IsZip64 ? ZipFormat.Zip64EndLength + ZipFormat.Zip64LocatorLength : 0);
        Length = checked(centralOffset + centralLength + EndLength);
        ETag = etag;
        LastModified = entries.Length == 0 ? null : entries.Max(e => e.LastModified);
        MaxHeaderLength = Math.Max(ZipFormat.MaxHeaderOverhead + (layouts.Length == 0 ? 0 : layouts.Max(l => l.NameBytes)), EndLength);
    }

    /// <summary>The entries in archive order (ordinal by name).</summary>
    public IReadOnlyList<ZipEntry> Entries => _entries;

    /// <summary>The archive's length in bytes.</summary>
    public long Length { get; }

    /// <summary>
    /// The archive's entity tag: a SHA-256 over a format version and every entry's name, kind, length, time and own validator.
    /// Weak when any file's validator is weak (a file still settling), so If-Range never resumes across a change.
    /// </summary>
    public EntityTag ETag { get; }

    /// <summary>The latest modification time among the entries (none for an empty archive).</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>Where the central directory starts (the end of the last entry's data and descriptor).</summary>
    public long CentralDirectoryOffset { get; }

    public long CentralDirectoryLength { get; }

    /// <summary>True when the end carries a ZIP64 end record and locator (65535+ entries, or a central directory past 4 GiB).</summary>
    public bool IsZip64 { get; }

    internal int EndLength { get; }

    /// <summary>The longest single generated piece (a header, a descriptor or the end records): what a writer's scratch buffer needs.</summary>
    internal int MaxHeaderLength { get; }

    internal ZipEntryLayout Layout(int entry) => _layouts[entry];

    /// <summary>Plans the archive of <paramref name="entries"/>; throws <see cref="ArgumentException"/> on duplicate names.</summary>
    public static ZipPlan Create(IEnumerable<ZipEntry> entries)
    {
        var sorted = entries.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var layouts = new ZipEntryLayout[sorted.Length];
        var position = 0L;
        for (var i = 0; i < sorted.Length; i++)
        {
            var entry = sorted[i];
            if (i > 0 && sorted[i - 1].Name == entry.Name)
            {
                throw new ArgumentException($"Two entries are named '{entry.Name}'.", nameof(entries));
            }
            var nameBytes = Encoding.UTF8.GetByteCount(entry.Name);
            if (nameBytes > ZipFormat.MaxNameBytes)
            {
                throw new ArgumentException($"The name '{entry.Name[..64]}…' is longer than a ZIP name field holds.", nameof(entries));
            }
            layouts[i] = new ZipEntryLayout(nameBytes, entry.Length, entry.IsFolder, position, 0);
            position = checked(position + layouts[i].LocalLength);
        }
        var centralOffset = position;
        for (var i = 0; i < layouts.Length; i++)
        {
            layouts[i] = layouts[i] with { CentralOffset = position };
            position = checked(position + layouts[i].CentralHeaderLength);
        }
        return new ZipPlan(sorted, layouts, centralOffset, position - centralOffset, ZipArchiveTag.Compute(sorted));
    }

    /// <summary>
    /// The segments that make up <paramref name="count"/> bytes from <paramref name="offset"/>, in order. Lazy: a range over
    /// a huge central directory yields one record at a time.
    /// </summary>
    public IEnumerable<ZipSegment> Segments(long offset, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Length - offset);
        return Walk(offset, offset + count);
    }

    private IEnumerable<ZipSegment> Walk(long position, long end)
    {
        for (var i = FindEntry(position, central: false); i < _layouts.Length && position < end && position < CentralDirectoryOffset; i++)
        {
            var layout = _layouts[i];
            var headerEnd = layout.LocalOffset + layout.LocalHeaderLength;
            var dataEnd = headerEnd + layout.Length;
            if (Cut(ZipPart.LocalHeader, i, layout.LocalOffset, headerEnd, ref position, end) is { } header)
            {
                yield return header;
            }
            if (Cut(ZipPart.FileData, i, headerEnd, dataEnd, ref position, end) is { } data)
            {
                yield return data;
            }
            if (Cut(ZipPart.DataDescriptor, i, dataEnd, dataEnd + layout.DescriptorLength, ref position, end) is { } descriptor)
            {
                yield return descriptor;
            }
        }
        for (var i = FindEntry(position, central: true); i < _layouts.Length && position < end; i++)
        {
            var layout = _layouts[i];
            if (Cut(ZipPart.CentralHeader, i, layout.CentralOffset, layout.CentralOffset + layout.CentralHeaderLength, ref position, end) is { } record)
            {
                yield return record;
            }
        }
        var endStart = CentralDirectoryOffset + CentralDirectoryLength;
        if (Cut(ZipPart.End, -1, endStart, Length, ref position, end) is { } tail)
        {
            yield return tail;
        }
    }

    /// <summary>The part of [<paramref name="start"/>, <paramref name="stop"/>) the range still needs, advancing the position past it.</summary>
    private static ZipSegment? Cut(ZipPart part, int entry, long start, long stop, ref long position, long end)
    {
        var from = Math.Max(position, start);
        var to = Math.Min(end, stop);
        if (from >= to)
        {
            return null;
        }
        position = to;
        return new ZipSegment(part, entry, from - start, to - from);
    }

    /// <summary>The entry whose local part (or central record) holds <paramref name="position"/>, by binary search.</summary>
    private int FindEntry(long position, bool central)
    {
        int low = 0, high = _layouts.Length - 1, found = 0;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var start = central ? _layouts[middle].CentralOffset : _layouts[middle].LocalOffset;
            if (start <= position)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found;
    }
}
