namespace Baton.Storage.FileSystem;

/// <summary>
/// One process per upload folder: an exclusive <c>flock(LOCK_EX)</c> held for the life of the store, so a second <c>baton serve</c> on the same ROOT is refused at start with a clear message
/// instead of two processes appending to one upload (issue 11 item 7). The lock dies with its process, even on kill -9.
/// </summary>
internal sealed class FolderOwnership : IDisposable
{
    private readonly FileStream _lock;

    private FolderOwnership(FileStream held) => _lock = held;

    public static FolderOwnership Acquire(string folder)
    {
        // Beside the folder, not in it: the folder holds only uploads (what lists it must not trip over the lock).
        var trimmed = Path.TrimEndingDirectorySeparator(folder);
        var lockPath = trimmed + ".lock";
        var pidPath = trimmed + ".pid";
        var held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        if (!TryLock(held))
        {
            held.Dispose();
            var holder = File.Exists(pidPath) ? File.ReadAllText(pidPath).Trim() : "unknown";
            throw new IOException(
                $"{Path.GetDirectoryName(Path.GetDirectoryName(trimmed))} is already in use by another Baton process (pid {holder}); "
                + "stop it or serve another ROOT");
        }
        // Beside the lock, not in it: a refused process cannot read a file another process holds exclusively.
        File.WriteAllText(pidPath, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new FolderOwnership(held);
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>
    /// An explicit <c>flock</c>: .NET would take one for <see cref="FileShare.None"/>, but <c>baton serve</c> turns .NET's locks off
    /// (System.IO.DisableFileLocking, see Baton.Cli.csproj: no file Baton reads may stop its owner from replacing it), so this one
    /// lock is asked for by hand.
    /// Windows enforces share modes instead.
    /// </summary>
    private static bool TryLock(FileStream file)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }
        const int LockExclusive = 2, LockNonBlocking = 4;
        return Flock((int)file.SafeFileHandle.DangerousGetHandle(), LockExclusive | LockNonBlocking) == 0;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int Flock(int fd, int operation);
}
