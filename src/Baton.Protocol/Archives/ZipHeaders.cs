namespace Baton.Protocol.Archives;

/// <summary>
/// Generates one header, descriptor or the end records of a <see cref="ZipPlan"/> into a span, from the plan alone (plus the
/// CRC-32 where the record holds one), so any byte of the archive can be produced without the others. Section numbers are
/// APPNOTE.TXT's.
/// </summary>
internal static class ZipHeaders
{
    /// <summary>§4.3.7. With a data descriptor the CRC and sizes are zero here (§4.4.4 bit 3); a ZIP64 entry's 32-bit size
    /// fields hold all ones and its ZIP64 extra the (zero) sizes, as §4.5.3 requires both.</summary>
    public static int WriteLocalHeader(ZipPlan plan, int index, Span<byte> destination)
    {
        var layout = plan.Layout(index);
        var entry = plan.Entries[index];
        var writer = new LittleEndianWriter(destination);
        writer.UInt32(ZipFormat.LocalHeaderSignature);
        // CRC-32 in the descriptor (or 0 for no data); sizes there too, or 0 for no data.
        WriteCommonFields(ref writer, layout, entry, crc32: 0, size: layout.Zip64Sizes ? uint.MaxValue : 0u,
            layout.LocalHeaderLength - ZipFormat.LocalHeaderFixedLength);
        writer.Utf8(entry.Name);
        if (layout.Zip64Sizes)
        {
            writer.UInt16(ZipFormat.Zip64Tag);
            writer.UInt16(16);
            writer.UInt64(0);                                       // uncompressed size: in the descriptor
            writer.UInt64(0);                                       // compressed size
        }
        WriteTimestamp(ref writer, entry);
        return writer.Position;
    }

    /// <summary>§4.3.9: signature, CRC-32, sizes — 8-byte sizes when the local header has a ZIP64 extra (§4.3.9.1).</summary>
    public static int WriteDataDescriptor(ZipPlan plan, int index, uint crc32, Span<byte> destination)
    {
        var layout = plan.Layout(index);
        var writer = new LittleEndianWriter(destination);
        writer.UInt32(ZipFormat.DataDescriptorSignature);
        writer.UInt32(crc32);
        if (layout.Zip64Sizes)
        {
            writer.UInt64((ulong)layout.Length);
            writer.UInt64((ulong)layout.Length);
        }
        else
        {
            writer.UInt32((uint)layout.Length);
            writer.UInt32((uint)layout.Length);
        }
        return writer.Position;
    }

    /// <summary>§4.3.12, with a ZIP64 extra holding only the fields whose 32-bit slots hold all ones (§4.5.3).</summary>
    public static int WriteCentralHeader(ZipPlan plan, int index, uint crc32, Span<byte> destination)
    {
        var layout = plan.Layout(index);
        var entry = plan.Entries[index];
        var writer = new LittleEndianWriter(destination);
        writer.UInt32(ZipFormat.CentralHeaderSignature);
        writer.UInt16(ZipFormat.VersionMadeBy);
        WriteCommonFields(ref writer, layout, entry, crc32, layout.Zip64Sizes ? uint.MaxValue : (uint)layout.Length,
            layout.CentralHeaderLength - ZipFormat.CentralHeaderFixedLength);
        writer.UInt16(0);                                           // comment length
        writer.UInt16(0);                                           // disk number start
        writer.UInt16(0);                                           // internal attributes
        writer.UInt32(layout.IsFolder ? ZipFormat.FolderAttributes : ZipFormat.FileAttributes);
        writer.UInt32(layout.Zip64Offset ? uint.MaxValue : (uint)layout.LocalOffset);
        writer.Utf8(entry.Name);
        if (layout.CentralZip64Fields > 0)
        {
            writer.UInt16(ZipFormat.Zip64Tag);
            writer.UInt16((ushort)(8 * layout.CentralZip64Fields));
            if (layout.Zip64Sizes)
            {
                writer.UInt64((ulong)layout.Length);                // uncompressed size
                writer.UInt64((ulong)layout.Length);                // compressed size
            }
            if (layout.Zip64Offset)
            {
                writer.UInt64((ulong)layout.LocalOffset);
            }
        }
        WriteTimestamp(ref writer, entry);
        return writer.Position;
    }

    /// <summary>§4.3.14–4.3.16: the ZIP64 end record and locator when needed, then the end record, whose overflowing fields
    /// hold all ones.</summary>
    public static int WriteEnd(ZipPlan plan, Span<byte> destination)
    {
        var writer = new LittleEndianWriter(destination);
        var count = plan.Entries.Count;
        var centralEnd = plan.CentralDirectoryOffset + plan.CentralDirectoryLength;
        if (plan.IsZip64)
        {
            writer.UInt32(ZipFormat.Zip64EndSignature);
            writer.UInt64(ZipFormat.Zip64EndLength - 12);             // size of the rest of the record
            writer.UInt16(ZipFormat.VersionMadeBy);
            writer.UInt16(ZipFormat.VersionNeededZip64);
            writer.UInt32(0);                                         // this disk
            writer.UInt32(0);                                         // disk with the central directory
            writer.UInt64((ulong)count);                              // entries on this disk
            writer.UInt64((ulong)count);                              // entries in all
            writer.UInt64((ulong)plan.CentralDirectoryLength);
            writer.UInt64((ulong)plan.CentralDirectoryOffset);
            writer.UInt32(ZipFormat.Zip64LocatorSignature);
            writer.UInt32(0);                                         // disk with the ZIP64 end record
            writer.UInt64((ulong)centralEnd);                         // where the ZIP64 end record starts
            writer.UInt32(1);                                         // disks in all
        }
        writer.UInt32(ZipFormat.EndSignature);
        writer.UInt16(0);
        writer.UInt16(0);
        writer.UInt16((ushort)Math.Min(count, ZipFormat.Max16));
        writer.UInt16((ushort)Math.Min(count, ZipFormat.Max16));
        writer.UInt32((uint)Math.Min(plan.CentralDirectoryLength, ZipFormat.Max32));
        writer.UInt32((uint)Math.Min(plan.CentralDirectoryOffset, ZipFormat.Max32));
        writer.UInt16(0);                                             // comment length
        return writer.Position;
    }

    /// <summary>The run both headers share (§4.3.7, §4.3.12): version needed, flags, method, DOS time and date, CRC-32, both
    /// sizes, name length and extra-field length (<paramref name="variableLength"/> less the name).</summary>
    private static void WriteCommonFields(ref LittleEndianWriter writer, ZipEntryLayout layout, ZipEntry entry, uint crc32, uint size,
        int variableLength)
    {
        writer.UInt16(layout.VersionNeeded);
        writer.UInt16(layout.Flags);
        writer.UInt16(ZipFormat.MethodStored);
        var (time, date) = ZipTimestamp.ToDos(entry.LastModified);
        writer.UInt16(time);
        writer.UInt16(date);
        writer.UInt32(crc32);
        writer.UInt32(size);                                        // compressed size
        writer.UInt32(size);                                        // uncompressed size
        writer.UInt16((ushort)layout.NameBytes);
        writer.UInt16((ushort)(variableLength - layout.NameBytes));
    }

    /// <summary>Info-ZIP's extended timestamp (extrafld.txt, 0x5455) with flags 1 (mtime only), the same in both headers.</summary>
    private static void WriteTimestamp(ref LittleEndianWriter writer, ZipEntry entry)
    {
        writer.UInt16(ZipFormat.TimestampTag);
        writer.UInt16(5);
        writer.Byte(1);
        writer.UInt32((uint)ZipTimestamp.ToUnixSeconds(entry.LastModified));
    }
}
