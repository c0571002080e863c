using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Baton.Client.Downloads;

/// <summary>
/// Makes the final fsync cheap: on Linux, what was written is handed to the kernel for writeback every few hundred milliseconds
/// (<c>sync_file_range(2)</c> with <c>SYNC_FILE_RANGE_WRITE</c>: start the I/O, do not wait for it), so the disk works while the
/// network does, and the fsync before a control-file save or at the end finds little dirty data left. This gives no durability by
/// itself (sync_file_range(2) says so: no metadata, no disk cache flush) — durability still comes from fsync. Elsewhere, and if the
/// call fails (e.g. an old kernel or a file system without it), it does nothing: the fsync then simply does all the work.
/// </summary>
internal static partial class DiskWriteback
{
    private const uint SyncFileRangeWrite = 2;
    private static volatile bool s_unavailable = !OperatingSystem.IsLinux();

    /// <summary>Starts writeback of <paramref name="count"/> bytes at <paramref name="offset"/> (0: to the end of the file); does not
    /// wait for the disk, but may wait for the file system (ext4 allocates blocks and joins its journal), so it is best called
    /// off the path that receives bytes.</summary>
    public static void Start(SafeFileHandle file, long offset = 0, long count = 0)
    {
        if (s_unavailable || count < 0)
        {
            return;
        }
        try
        {
            if (SyncFileRange(file, offset, count, SyncFileRangeWrite) != 0)
            {
                // ENOSYS, ESPIPE, EINVAL…: no point asking again. The fsync remains correct without it.
                s_unavailable = true;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(SafeFileHandle fd, long offset, long nbytes, uint flags);
}
