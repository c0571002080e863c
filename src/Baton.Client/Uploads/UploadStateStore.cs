using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Baton.Client.Uploads;

/// <summary>
/// Upload state files in the per-user state folder, one per (file path, size, mtime, server): a changed file or another server
/// never resumes an unrelated upload. Saved via temp file + rename so a crash leaves the old or the new state.
/// </summary>
public sealed class UploadStateStore(string directory)
{
    public string PathFor(string filePath, long size, DateTimeOffset modified, Uri endpoint)
    {
        var key = $"{Path.GetFullPath(filePath)}\n{size}\n{modified.UtcTicks}\n{endpoint.AbsoluteUri}";
        return Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32] + ".json");
    }

    public static UploadState? TryLoad(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, UploadStateJsonContext.Default.UploadState);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    public static void Save(string path, UploadState state) =>
        Baton.Client.Transfers.AtomicJsonFile.Write(path, state, UploadStateJsonContext.Default.UploadState);

    public static void Delete(string path) => File.Delete(path);
}
