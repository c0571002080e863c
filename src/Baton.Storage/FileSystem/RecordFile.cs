using System.Text.Json;
using Baton.Shared;

namespace Baton.Storage.FileSystem;

/// <summary>
/// Reads and atomically replaces an upload's record: written to <c>ID.json.tmp</c>, fsynced, renamed over <c>ID.json</c>,
/// then the folder fsynced — a crash leaves either the old or the new record, never a torn one.
/// </summary>
internal static class RecordFile
{
    public static void Write(string path, UploadInfo info, bool durable)
    {
        try
        {
            Replace(path, info, durable);
        }
        catch (IOException e) when (StorageFullException.IsSpaceExhausted(e) && e is not StorageFullException)
        {
            // The old record is untouched (the rename never happened): the upload's state is what it was.
            File.Delete(path + ".tmp");
            throw new StorageFullException("no space left to record the upload's state", e);
        }
    }

    private static void Replace(string path, UploadInfo info, bool durable)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            JsonSerializer.Serialize(stream, info, UploadRecordJson.Default.UploadInfo);
            if (durable)
            {
                stream.Flush(flushToDisk: true);
            }
        }
        File.Move(temp, path, overwrite: true);
        if (durable)
        {
            DirectorySync.Flush(Path.GetDirectoryName(path)!);
        }
    }

    /// <summary>The record, or null when missing or unreadable (a torn temp file is never read: only renamed records are).</summary>
    public static UploadInfo? Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return JsonSerializer.Deserialize(stream, UploadRecordJson.Default.UploadInfo);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }
}
