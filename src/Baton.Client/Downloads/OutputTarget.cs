using System.Runtime.InteropServices;

namespace Baton.Client.Downloads;

/// <summary>
/// Looks at what is at an output path before anything is written there (issue 11 item 2: renaming the <c>.part</c> file over
/// /dev/null, a FIFO or a symlink replaced them with regular files). .NET has no portable file-type query, so on Linux this asks
/// <c>statx(2)</c> with <c>AT_SYMLINK_NOFOLLOW</c> (its struct has one layout on every architecture); elsewhere it tells links,
/// folders and regular files apart and reports anything else as <see cref="OutputTargetKind.Other"/>.
/// </summary>
public static partial class OutputTarget
{
    /// <summary>The output path meaning standard output.</summary>
    public const string StandardOutput = "-";

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;

    public static OutputTargetKind Inspect(string path)
    {
        if (OperatingSystem.IsLinux() && TryStatxMode(path, out var mode) is { } found)
        {
            return !found ? OutputTargetKind.Absent : (mode & 0xF000) switch
            {
                0x8000 => OutputTargetKind.RegularFile,
                0x4000 => OutputTargetKind.Directory,
                0x2000 => OutputTargetKind.CharacterDevice,
                0x1000 => OutputTargetKind.Fifo,
                0xA000 => OutputTargetKind.SymbolicLink,
                _ => OutputTargetKind.Other,
            };
        }
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            return OutputTargetKind.SymbolicLink;
        }
        if (Directory.Exists(path))
        {
            return OutputTargetKind.Directory;
        }
        return !info.Exists ? OutputTargetKind.Absent
            : (info.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0 ? OutputTargetKind.Other : OutputTargetKind.RegularFile;
    }

    /// <summary>Whether a download to this kind streams through (no .part file, no control file, not resumable).</summary>
    public static bool StreamsThrough(OutputTargetKind kind) => kind is OutputTargetKind.CharacterDevice or OutputTargetKind.Fifo;

    /// <summary>true with the st_mode when the path exists, false when it does not, null when statx is unavailable.</summary>
    private static unsafe bool? TryStatxMode(string path, out int mode)
    {
        mode = 0;
        var buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) == 0)
            {
                mode = *(ushort*)(buffer + ModeOffset);
                return true;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        var errno = Marshal.GetLastPInvokeError();
        // ENOENT, ENOTDIR: nothing there. Anything else (ENOSYS on old kernels, EACCES): let .NET decide.
        return errno is 2 or 20 ? false : null;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
