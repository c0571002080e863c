namespace Baton.Storage;

/// <summary>
/// The storage has no room for what was to be written (disk full, quota). Nothing was acknowledged that is not stored; what an
/// append stored before the space ran out stays. The server answers 507 Insufficient Storage (RFC 4918 §11.5) with the
/// <c>storage-full</c> problem, never a 500 or a short success.
/// </summary>
public sealed class StorageFullException : IOException
{
    public StorageFullException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    // errno values as .NET reports them in HResult on Unix (Interop.GetIOException passes the raw errno), and the Win32 codes.
    private const int NoSpaceErrno = 28;        // ENOSPC
    private const int QuotaErrno = 122;         // EDQUOT (Linux)
    private const int WinDiskFull = unchecked((int)0x80070070);     // ERROR_DISK_FULL
    private const int WinHandleDiskFull = unchecked((int)0x80070027); // ERROR_HANDLE_DISK_FULL

    /// <summary>Whether <paramref name="exception"/> (or an exception it wraps: writers report the disk's refusal as the inner
    /// exception of their own) says the storage ran out of space.</summary>
    public static bool IsSpaceExhausted(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageFullException
                || (e is IOException && e.HResult is NoSpaceErrno or QuotaErrno or WinDiskFull or WinHandleDiskFull))
            {
                return true;
            }
        }
        return false;
    }
}
