using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Client.Uploads;

/// <summary>
/// What a tree upload finished, one file per (folder, server) in the state folder: relative path → the local file's length and
/// mtime when it was stored, its URL on the server and the <c>Repr-Digest</c> the server gave for it. A rerun skips a file only
/// when the local file is unchanged and the server still answers that digest for it. Saved via temp file + rename.
/// </summary>
public sealed record TreeState
{
    public Dictionary<string, TreeStateEntry> Files { get; init; } = new(StringComparer.Ordinal);

    public static string PathFor(string stateDirectory, string folder, Uri endpoint)
    {
        var key = $"tree\n{Path.GetFullPath(folder)}\n{endpoint.AbsoluteUri}";
        return Path.Combine(stateDirectory, "tree-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32] + ".json");
    }

    public static TreeState Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, TreeStateJsonContext.Default.TreeState) ?? new TreeState();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException or IOException)
        {
            return new TreeState();
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, TreeStateJsonContext.Default.TreeState);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>One finished file of a tree upload.</summary>
public sealed record TreeStateEntry(long Length, long ModifiedTicks, string FileUrl, string? ReprDigest);

[JsonSerializable(typeof(TreeState))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class TreeStateJsonContext : JsonSerializerContext;
