using Baton.Client.Transfers;

namespace Baton.Client.Downloads;

/// <summary>
/// One plain sentence for a download that cannot write where it was told to, instead of .NET's message about a file the user never
/// named (<c>-o /proc</c> used to print "Could not find file '/proc/a.txt.part'").
/// </summary>
internal static class LocalWriteFailure
{
    public static TransferException For(string path, Exception e)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? path;
        var message = e switch
        {
            UnauthorizedAccessException => $"cannot write {path}: permission denied in {folder}",
            // ENOENT on creating a file in a folder that exists: a virtual file system such as /proc or /sys.
            FileNotFoundException or DirectoryNotFoundException when Directory.Exists(folder) =>
                $"cannot write {path}: {folder} does not allow creating files (choose another -o)",
            FileNotFoundException or DirectoryNotFoundException => $"cannot write {path}: {folder} does not exist",
            _ => $"cannot write {path}: {e.Message}",
        };
        return new TransferException(TransferFailure.LocalIo, message, e);
    }
}
