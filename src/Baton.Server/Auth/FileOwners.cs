using System.IO.Hashing;
using System.Text;
using Baton.Server.Hosting;

namespace Baton.Server.Auth;

/// <summary>
/// Who owns each stored file that came from an upload: one small record per file in <c>.baton/owners</c> (temp + rename), so
/// quotas can count a token's bytes across restarts. A record whose file is gone no longer counts.
/// </summary>
public sealed class FileOwners(BatonRoot root)
{
    private readonly Lazy<string> _folder = new(() => root.StateFolder("owners"));

    public void Record(string fullPath, string owner)
    {
        var file = RecordPath(fullPath);
        var temp = file + ".tmp";
        File.WriteAllText(temp, owner + "\n" + fullPath + "\n");
        File.Move(temp, file, overwrite: true);
    }

    public string? OwnerOf(string fullPath)
    {
        var file = RecordPath(fullPath);
        if (!File.Exists(file))
        {
            return null;
        }
        var lines = File.ReadAllLines(file);
        return lines.Length >= 2 && lines[1] == fullPath ? lines[0] : null;
    }

    public void Forget(string fullPath) => File.Delete(RecordPath(fullPath));

    /// <summary>Bytes of the stored files <paramref name="owner"/> uploaded that still exist.</summary>
    public long BytesOwnedBy(string owner)
    {
        long total = 0;
        foreach (var record in Directory.EnumerateFiles(_folder.Value))
        {
            if (record.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }
            var lines = File.ReadAllLines(record);
            if (lines.Length >= 2 && lines[0] == owner && new FileInfo(lines[1]) is { Exists: true } file)
            {
                total += file.Length;
            }
        }
        return total;
    }

    private string RecordPath(string fullPath) =>
        Path.Combine(_folder.Value, Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(fullPath))));
}
