using System.Diagnostics;
using System.Globalization;

namespace Baton.Testing;

/// <summary>
/// A real, small file system: a tmpfs of a given size mounted over a fresh temporary folder, so a test can fill it and see the
/// kernel's own ENOSPC — and "free space" by growing it (<c>mount -o remount,size=…</c>), as an operator freeing room would.
/// Needs root (CAP_SYS_ADMIN), which the test scripts run as (./test.sh installs packages with apt too).
/// </summary>
public sealed class SmallDisk : IDisposable
{
    private readonly TempDirectory _folder;

    private SmallDisk(TempDirectory folder) => _folder = folder;

    /// <summary>The mounted folder (wrap it in the server's root).</summary>
    public TempDirectory Folder => _folder;

    public string Path => _folder.Path;

    public static SmallDisk Mount(long bytes)
    {
        var folder = new TempDirectory("baton-smalldisk-");
        try
        {
            Run("mount", "-t", "tmpfs", "-o", Size(bytes), "tmpfs", folder.Path);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
        return new SmallDisk(folder);
    }

    /// <summary>Changes the file system's size in place; its files stay.</summary>
    public void Resize(long bytes) => Run("mount", "-o", "remount," + Size(bytes), Path);

    /// <summary>Sets or clears the immutable attribute (<c>chattr +i</c>) of the folder <paramref name="relative"/>: nothing can be
    /// created or removed in it, not even by root — a folder the server can no longer write (a read-only remount is refused
    /// while the server holds a file open for writing).</summary>
    public void SetImmutable(string relative, bool immutable) =>
        Run("chattr", immutable ? "+i" : "-i", System.IO.Path.Combine(Path, relative));

    /// <summary>What the file system says is free for ordinary writes.</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    public void Dispose()
    {
        try
        {
            Run("umount", "-l", Path);
        }
        finally
        {
            _folder.Dispose();
        }
    }

    private static string Size(long bytes) => "size=" + (bytes / 1024).ToString(CultureInfo.InvariantCulture) + "k";

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()} — the disk-full tests need root for a tmpfs mount");
        }
    }
}
