using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem.Files;

/// <summary>
/// What the file system says about one file: kind, size, nanosecond modification time and, on Linux, device and inode
/// (via <c>statx(2)</c>, whose layout is the same on every architecture). The inode makes a file replaced by rename a new version
/// even when size and time agree; elsewhere the identity falls back to .NET's portable metadata.
/// </summary>
internal readonly partial record struct DiskStatus(bool IsRegularFile, bool IsDirectory, long Length, long ModifiedUnixNanoseconds,
    ulong Device, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;

    public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch.AddTicks(ModifiedUnixNanoseconds / 100);

    /// <summary>Status of an open handle (the bytes that will be served are the ones described).</summary>
    public static DiskStatus Of(SafeFileHandle handle, string path)
    {
        if (OperatingSystem.IsLinux())
        {
            Span<byte> buffer = stackalloc byte[StatxSize];
            var fd = (int)handle.DangerousGetHandle();
            if (Statx(fd, "", AtEmptyPath, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) == 0)
            {
                return FromStatx(buffer);
            }
        }
        return Portable(path);
    }

    /// <summary>Status of a path, following links; null when nothing is there.</summary>
    public static DiskStatus? OfPath(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            Span<byte> buffer = stackalloc byte[StatxSize];
            return Statx(AtFdCwd, path, 0, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) == 0 ? FromStatx(buffer) : null;
        }
        var info = new FileInfo(path);
        return info.Exists || Directory.Exists(path) ? Portable(path) : null;
    }

    private static DiskStatus FromStatx(ReadOnlySpan<byte> b)
    {
        // struct statx (linux/stat.h): stx_mode u16 @28, stx_ino u64 @32, stx_size u64 @40, stx_mtime {s64 sec, u32 nsec} @112,
        // stx_dev_major u32 @136, stx_dev_minor u32 @140.
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(b[28..]);
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(b[32..]);
        var size = (long)BinaryPrimitives.ReadUInt64LittleEndian(b[40..]);
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(b[112..]);
        var nanos = BinaryPrimitives.ReadUInt32LittleEndian(b[120..]);
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(b[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(b[140..]);
        var type = mode & 0xF000;
        return new DiskStatus(type == 0x8000, type == 0x4000, size, (seconds * 1_000_000_000) + nanos, device, inode);
    }

    private static DiskStatus Portable(string path)
    {
        var info = new FileInfo(path);
        var isDirectory = !info.Exists && Directory.Exists(path);
        var modified = isDirectory ? Directory.GetLastWriteTimeUtc(path) : info.LastWriteTimeUtc;
        var nanos = (modified - DateTime.UnixEpoch).Ticks * 100;
        return new DiskStatus(info.Exists, isDirectory, info.Exists ? info.Length : 0, nanos, 0, 0);
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte buffer);
}
