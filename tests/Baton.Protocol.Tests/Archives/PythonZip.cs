namespace Baton.Protocol.Tests.Archives;

/// <summary>What Python's zipfile read from an archive (see <see cref="ZipTools.PythonAsync"/>); <see cref="Bad"/> is
/// testzip's first member with a bad CRC or header, null when all are good or the members were not read.</summary>
internal sealed record PythonZip(List<PythonZipEntry> Entries, string? Bad);

internal sealed record PythonZipEntry(string Name, long Size, long Csize, uint Crc, long Offset, int[] Date_time, int Flags,
    int Method, int System, long Attr, bool Is_dir, int Version);
