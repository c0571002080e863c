using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem.Writing;

/// <summary>
/// Turns on O_DIRECT for an open file with fcntl(2) <c>F_SETFL</c> (.NET has no FileOptions for it): writes then go from our
/// buffer to the device without the copy into the page cache. Linux only; file systems that refuse it (EINVAL) keep buffered I/O.
/// </summary>
internal static partial class DirectIo
{
    private const int GetStatusFlags = 3; // F_GETFL
    private const int SetStatusFlags = 4; // F_SETFL

    /// <summary>O_DIRECT's value differs between architectures (asm-generic/fcntl.h vs arch/arm64/include/uapi/asm/fcntl.h).</summary>
    private static int DirectFlag => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => 0,
    };

    public static bool TryEnable(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux() || DirectFlag == 0)
        {
            return false;
        }
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            var flags = Fcntl(fd, GetStatusFlags, 0);
            return flags >= 0 && Fcntl(fd, SetStatusFlags, flags | DirectFlag) == 0;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
