using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem.Writing;

/// <summary>
/// Starts writeback of a file range without waiting for it: sync_file_range(2) with <c>SYNC_FILE_RANGE_WRITE</c>. It makes
/// nothing durable by itself (no device-cache flush, no metadata) — the commit's fsync still does that — but the fsync then
/// finds the range already on its way. Linux only; elsewhere (and where the call fails) a no-op.
/// </summary>
internal static partial class Writeback
{
    private const uint SyncFileRangeWrite = 2;

    public static void Start(SafeFileHandle handle, long offset, long length)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _ = SyncFileRange((int)handle.DangerousGetHandle(), offset, length, SyncFileRangeWrite);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(int fd, long offset, long count, uint flags);
}
