namespace Baton.Protocol.Archives;

/// <summary>
/// Where one entry's pieces lie in the archive and which of them need ZIP64, fixed at planning time so that any byte can
/// be regenerated alone. A file with data uses a data descriptor (CRC-32 after the data, so the first byte never waits for
/// a whole-file CRC pass); folders and empty files have a known CRC (0) and none.
/// </summary>
internal readonly record struct ZipEntryLayout(int NameBytes, long Length, bool IsFolder, long LocalOffset, long CentralOffset)
{
    /// <summary>The data's size overflows 32 bits: the local header carries a ZIP64 extra and the descriptor 8-byte sizes.</summary>
    public bool Zip64Sizes => Length >= ZipFormat.Max32;

    /// <summary>The local header starts beyond 4 GiB: the central record carries the offset in its ZIP64 extra.</summary>
    public bool Zip64Offset => LocalOffset >= ZipFormat.Max32;

    public bool HasDescriptor => !IsFolder && Length > 0;

    public ushort VersionNeeded => Zip64Sizes || Zip64Offset ? ZipFormat.VersionNeededZip64 : ZipFormat.VersionNeeded;

    public ushort Flags => HasDescriptor ? (ushort)(ZipFormat.FlagUtf8 | ZipFormat.FlagDataDescriptor) : ZipFormat.FlagUtf8;

    public int LocalHeaderLength => ZipFormat.LocalHeaderFixedLength + NameBytes + ZipFormat.TimestampExtraLength
        + (Zip64Sizes ? ZipFormat.Zip64ExtraHeaderLength + 16 : 0);

    public int DescriptorLength => !HasDescriptor ? 0 : Zip64Sizes ? ZipFormat.Zip64DescriptorLength : ZipFormat.DescriptorLength;

    /// <summary>Local header, data and descriptor together.</summary>
    public long LocalLength => LocalHeaderLength + Length + DescriptorLength;

    /// <summary>How many 8-byte fields the central record's ZIP64 extra holds (sizes, offset — §4.5.3 order).</summary>
    public int CentralZip64Fields => (Zip64Sizes ? 2 : 0) + (Zip64Offset ? 1 : 0);

    public int CentralHeaderLength => ZipFormat.CentralHeaderFixedLength + NameBytes + ZipFormat.TimestampExtraLength
        + (CentralZip64Fields > 0 ? ZipFormat.Zip64ExtraHeaderLength + 8 * CentralZip64Fields : 0);
}
