namespace Baton.Protocol.Archives;

/// <summary>Which piece of a <see cref="ZipPlan"/>'s byte layout a <see cref="ZipSegment"/> lies in.</summary>
public enum ZipPart
{
    /// <summary>An entry's local file header (generated).</summary>
    LocalHeader,

    /// <summary>An entry's data: bytes of the file itself.</summary>
    FileData,

    /// <summary>An entry's data descriptor after its data (generated; needs the entry's CRC-32).</summary>
    DataDescriptor,

    /// <summary>An entry's central-directory record (generated; needs the entry's CRC-32).</summary>
    CentralHeader,

    /// <summary>The end records: ZIP64 end of central directory and its locator when needed, then the end of central directory.</summary>
    End,
}
