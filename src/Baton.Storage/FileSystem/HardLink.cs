using System.Runtime.InteropServices;

namespace Baton.Storage.FileSystem;

/// <summary><c>link(2)</c>: a second name for an existing inode on the same file system (.NET has no API for hard links).</summary>
internal static partial class HardLink
{
    /// <summary>Creates <paramref name="newPath"/> as another name of <paramref name="existing"/>; false when the file system
    /// refuses (another device, no hard links, the name exists…).</summary>
    public static bool TryCreate(string existing, string newPath) =>
        !OperatingSystem.IsWindows() && Link(existing, newPath) == 0;

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string newPath);
}
