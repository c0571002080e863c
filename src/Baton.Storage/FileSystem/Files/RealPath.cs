using System.Runtime.InteropServices;

namespace Baton.Storage.FileSystem.Files;

/// <summary>
/// The canonical absolute path of an existing entry with every symbolic link in every component resolved (<c>realpath(3)</c>),
/// so a link anywhere along the way that leads out of the root is seen for what it is.
/// </summary>
internal static unsafe partial class RealPath
{
    /// <summary>The resolved path, or null when the entry does not exist (or a link is dangling or loops).</summary>
    public static string? Resolve(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var resolved = NativeRealPath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
            {
                return null;
            }
            try
            {
                return Marshal.PtrToStringUTF8(resolved);
            }
            finally
            {
                NativeMemory.Free((void*)resolved);
            }
        }
        return PortableResolve(path);
    }

    private static string? PortableResolve(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }
        return Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName);
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr NativeRealPath(string path, IntPtr resolved);
}
