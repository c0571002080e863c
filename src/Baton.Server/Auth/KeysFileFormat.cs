using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Server.Auth;

/// <summary>The keys file: <c>{"tokens":[{"name":…,"sha256":…,"permissions":["download"],…}]}</c>, written atomically.</summary>
public static class KeysFileFormat
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IReadOnlyList<TokenEntry> Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<KeysDocument>(stream, Json)?.Tokens ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"keys file {path} is not valid: {e.Message}", e);
        }
    }

    /// <summary>Adds <paramref name="entry"/> (replacing one of the same name) and writes the file via temp + rename, readable by the owner only.</summary>
    public static void Add(string path, TokenEntry entry)
    {
        var tokens = File.Exists(path) ? Read(path).Where(t => t.Name != entry.Name).ToList() : [];
        tokens.Add(entry);
        Write(path, tokens);
    }

    /// <summary>Removes the token named <paramref name="name"/>; false when there is none. A running server stops accepting it
    /// at its next request (it reloads the file when its modification time changes).</summary>
    public static bool Remove(string path, string name)
    {
        var tokens = File.Exists(path) ? Read(path).ToList() : [];
        if (tokens.RemoveAll(t => t.Name == name) == 0)
        {
            return false;
        }
        Write(path, tokens);
        return true;
    }

    private static void Write(string path, List<TokenEntry> tokens)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, new KeysDocument { Tokens = tokens }, Json);
            stream.Flush(flushToDisk: true);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temp, path, overwrite: true);
    }

    private sealed class KeysDocument
    {
        public List<TokenEntry> Tokens { get; set; } = [];
    }
}
