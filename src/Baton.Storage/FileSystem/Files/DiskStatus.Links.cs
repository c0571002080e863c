using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Baton.Storage.FileSystem.Files;

internal readonly partial record struct DiskStatus
{
    /// <summary>How many names the file at <paramref name="path"/> has (<c>stx_nlink</c>), 1 where it cannot be told.</summary>
    public static uint LinkCount(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 1;
        }
        Span<byte> buffer = stackalloc byte[StatxSize];
        // struct statx: stx_nlink u32 @16.
        return Statx(AtFdCwd, path, 0, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) == 0
            ? BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..])
            : 1;
    }
}
