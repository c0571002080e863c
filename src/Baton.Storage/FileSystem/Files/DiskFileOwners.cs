using System.IO.Hashing;
using System.Text;
using Baton.Storage.Files;

namespace Baton.Storage.FileSystem.Files;

/// <summary>
/// Who owns each stored file that came from an upload: one small record per file in <c>.baton/owners</c> (temp + rename).
/// Records are keyed by the file's full path on disk, as before the seam, so records written by earlier versions still count;
/// they follow a file or folder the file source moves (<see cref="Follow"/>), so a move does not take bytes out of a quota.
/// </summary>
public sealed class DiskFileOwners : IFileOwners
{
    private readonly DiskRoot root;
    private readonly Lazy<string> _folder;

    public DiskFileOwners(DiskRoot root, DiskFileSource? files = null)
    {
        this.root = root;
        _folder = new(() => Directory.CreateDirectory(Path.Combine(root.StatePath, "owners")).FullName);
        if (files is not null)
        {
            files.PathMoved += Follow;
        }
    }

    /// <summary>Every record of <paramref name="from"/> or below it now names the same place below <paramref name="to"/>; a record
    /// of a file the move replaced no longer counts.</summary>
    private void Follow(string from, string to)
    {
        var moved = new List<(string Record, string Owner, string Key)>();
        foreach (var record in Directory.EnumerateFiles(_folder.Value))
        {
            if (record.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }
            var lines = File.ReadAllLines(record);
            if (lines.Length < 2)
            {
                continue;
            }
            if (lines[1] == to)
            {
                File.Delete(record); // the file it named was replaced
            }
            else if (lines[1] == from || lines[1].StartsWith(from + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                moved.Add((record, lines[0], to + lines[1][from.Length..]));
            }
        }
        foreach (var (record, owner, key) in moved)
        {
            Write(key, owner);
            File.Delete(record);
        }
    }

    public void Record(string name, string owner) => Write(root.Lexical(name), owner);

    private void Write(string key, string owner)
    {
        var file = RecordPath(key);
        var temp = file + ".tmp";
        File.WriteAllText(temp, owner + "\n" + key + "\n");
        File.Move(temp, file, overwrite: true);
    }

    public string? OwnerOf(string name)
    {
        var key = root.Lexical(name);
        var file = RecordPath(key);
        if (!File.Exists(file))
        {
            return null;
        }
        var lines = File.ReadAllLines(file);
        return lines.Length >= 2 && lines[1] == key ? lines[0] : null;
    }

    public void Forget(string name)
    {
        try
        {
            File.Delete(RecordPath(root.Lexical(name)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

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
            if (lines.Length >= 2 && lines[0] == owner && root.Contains(lines[1]) && new FileInfo(lines[1]) is { Exists: true } file)
            {
                total += file.Length;
            }
        }
        return total;
    }

    private string RecordPath(string key) =>
        Path.Combine(_folder.Value, Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(key))));
}
