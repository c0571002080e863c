using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using Baton.Protocol.Paths;
using Baton.Protocol.Validators;
using Baton.Storage.Files;

namespace Baton.Storage.FileSystem.Files;

/// <summary>
/// Digests in memory, persisted in <c>.baton/digests</c> (one small file per name, written to a temp file and renamed) so they
/// survive restarts. An entry is only ever returned for the exact file version (ETag) it was computed for. Records are keyed
/// by the file's full path on disk, as before the seam, so caches written by earlier versions stay valid.
/// </summary>
public sealed class DiskFileDigests(DiskRoot root, DiskFileSource files) : IFileDigests
{
    private readonly ConcurrentDictionary<string, Entry> _memory = new(StringComparer.Ordinal);
    private readonly Lazy<string> _folder = new(() => Directory.CreateDirectory(Path.Combine(root.StatePath, "digests")).FullName);

    public void Record(string name, byte[] sha256)
    {
        // The recorder (an upload that just completed) wrote these bytes itself, so even a fresh version is recorded.
        if (RelativePath.TryParse(name, allowHidden: true, out var path) == PathCheck.Valid
            && files.StatAsync(path, CancellationToken.None).Result is { Version: { } version })
        {
            Store(name, version, sha256);
        }
    }

    public void Store(string name, FileVersion version, byte[] sha256)
    {
        var key = root.Lexical(name);
        _memory[key] = new Entry(version.ETag, sha256);
        try
        {
            var file = SidecarPath(key);
            var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, version.ETag + "\n" + Convert.ToHexStringLower(sha256) + "\n" + key + "\n");
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a read-only or full disk only means recomputing after a restart.
        }
    }

    public bool TryGet(string name, FileVersion version, out byte[] sha256)
    {
        var key = root.Lexical(name);
        if (!_memory.TryGetValue(key, out var entry))
        {
            entry = Load(key);
            if (entry is not null)
            {
                _memory[key] = entry;
            }
        }
        // The opaque tag identifies the bytes; weakness only says the file was modified very recently.
        if (entry is not null && entry.ETag.WeakEquals(version.ETag))
        {
            sha256 = entry.Sha256;
            return true;
        }
        sha256 = [];
        return false;
    }

    public void Forget(string name)
    {
        var key = root.Lexical(name);
        _memory.TryRemove(key, out _);
        try
        {
            File.Delete(SidecarPath(key));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private Entry? Load(string key)
    {
        var sidecar = SidecarPath(key);
        if (!File.Exists(sidecar))
        {
            return null; // the common miss: no exception on the request path
        }
        try
        {
            var lines = File.ReadAllLines(sidecar);
            if (lines.Length >= 3 && lines[2] == key && EntityTag.TryParse(lines[0], out var tag) && lines[1].Length == 64)
            {
                return new Entry(tag, Convert.FromHexString(lines[1]));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return null;
    }

    private string SidecarPath(string key) =>
        Path.Combine(_folder.Value, Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(key))));

    private sealed record Entry(EntityTag ETag, byte[] Sha256);
}
