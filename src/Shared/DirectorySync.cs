using System.Runtime.InteropServices;

namespace Baton.Shared;

/// <summary>
/// fsync of a directory, so a rename or a new file name inside it survives a power loss (POSIX: a rename is durable only
/// once its directory is synced). .NET has no API for it; on other systems it is a no-op.
/// </summary>
/// <remarks>Compiled into both Baton.Storage and Baton.Client (linked source): the two must not depend on each other, and
/// Baton.Protocol does no I/O.</remarks>
internal static partial class DirectorySync
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var fd = Open(directory, ReadOnlyDirectory);
        if (fd < 0)
        {
            return;
        }
        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
