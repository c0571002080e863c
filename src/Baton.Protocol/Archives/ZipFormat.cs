namespace Baton.Protocol.Archives;

/// <summary>The fixed numbers of the ZIP format (PKWARE APPNOTE.TXT 6.3.10; section numbers below are APPNOTE's).</summary>
internal static class ZipFormat
{
    public const uint LocalHeaderSignature = 0x04034B50;      // §4.3.7
    public const uint DataDescriptorSignature = 0x08074B50;   // §4.3.9.3
    public const uint CentralHeaderSignature = 0x02014B50;    // §4.3.12
    public const uint Zip64EndSignature = 0x06064B50;         // §4.3.14
    public const uint Zip64LocatorSignature = 0x07064B50;     // §4.3.15
    public const uint EndSignature = 0x06054B50;              // §4.3.16

    public const int LocalHeaderFixedLength = 30;
    public const int CentralHeaderFixedLength = 46;
    public const int EndLength = 22;
    public const int Zip64EndLength = 56;
    public const int Zip64LocatorLength = 20;
    public const int DescriptorLength = 16;                   // signature, CRC-32, 4-byte sizes
    public const int Zip64DescriptorLength = 24;              // signature, CRC-32, 8-byte sizes (§4.3.9.1)

    /// <summary>The Info-ZIP extended timestamp (0x5455, "UT") with the modification time only: tag, size, flags, mtime.</summary>
    public const ushort TimestampTag = 0x5455;
    public const int TimestampExtraLength = 9;

    /// <summary>ZIP64 extended information (§4.5.3): tag, size, then the 8-byte fields whose 32-bit slots overflowed.</summary>
    public const ushort Zip64Tag = 0x0001;
    public const int Zip64ExtraHeaderLength = 4;

    /// <summary>§4.4.3.2: 2.0 for folders and stored files, 4.5 for ZIP64.</summary>
    public const ushort VersionNeeded = 20;
    public const ushort VersionNeededZip64 = 45;

    /// <summary>Made by UNIX (3, so external attributes carry a mode), APPNOTE version 4.5.</summary>
    public const ushort VersionMadeBy = (3 << 8) | 45;

    /// <summary>General-purpose flags (§4.4.4): bit 3, CRC and sizes follow the data; bit 11, the name is UTF-8.</summary>
    public const ushort FlagDataDescriptor = 0x0008;
    public const ushort FlagUtf8 = 0x0800;

    public const ushort MethodStored = 0;

    /// <summary>Fixed modes, never the source's: files 0644, folders 0755 (with the MS-DOS directory bit 0x10).</summary>
    public const uint FileAttributes = 0x81A4u << 16;
    public const uint FolderAttributes = (0x41EDu << 16) | 0x10;

    /// <summary>A value this large or larger does not fit its 32-bit (or 16-bit) field: the field holds all ones and ZIP64 holds it.</summary>
    public const long Max32 = 0xFFFFFFFF;
    public const int Max16 = 0xFFFF;

    /// <summary>The name-length field is 16 bits.</summary>
    public const int MaxNameBytes = 0xFFFF;

    /// <summary>The most a central-directory record can add to its name (fixed part, timestamp, three ZIP64 fields).</summary>
    public const int MaxHeaderOverhead = CentralHeaderFixedLength + TimestampExtraLength + Zip64ExtraHeaderLength + 3 * 8;
}
