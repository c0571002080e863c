using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Baton.Client.Transfers;

/// <summary>Writes a small JSON state file so a crash leaves the old or the new one: temp file, fsync, rename over.</summary>
public static class AtomicJsonFile
{
    public static void Write<T>(string path, T value, JsonTypeInfo<T> type)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, value, type);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
