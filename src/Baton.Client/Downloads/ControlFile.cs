using System.Text.Json;

namespace Baton.Client.Downloads;

/// <summary>
/// The control file beside <c>PATH.part</c>. Saved by writing a temporary file, flushing it to disk and renaming it over the old one,
/// so a crash at any moment leaves either the previous or the new state, never a torn one. Anything unreadable loads as null:
/// the caller then starts over rather than trusting it.
/// </summary>
public static class ControlFile
{
    public const string Extension = ".baton";

    public static string PathFor(string partPath) => partPath + Extension;

    public static DownloadState? TryLoad(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            using var stream = File.OpenRead(path);
            var state = JsonSerializer.Deserialize(stream, DownloadStateJsonContext.Default.DownloadState);
            return state is { Version: DownloadState.CurrentVersion, Url.Length: > 0, FinalUrl.Length: > 0, Segments: not null } ? state : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    public static void Save(string path, DownloadState state)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, state, DownloadStateJsonContext.Default.DownloadState);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(path + ".tmp");
    }
}
