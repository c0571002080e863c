using System.IO.Hashing;
using System.Text;
using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Storage.FileSystem.Files;

/// <summary>
/// The content index on disk: <c>ROOT/.baton/contents/HEX-LENGTH/</c> holds one small file per name (named by a hash of the name,
/// holding the name), written to a temp file and renamed — so adding and removing names never needs a lock or rewrites a list.
/// Entries are hints (<see cref="IContentIndex"/>); a full or read-only disk only loses hints.
/// </summary>
public sealed class DiskContentIndex(DiskRoot root) : IContentIndex
{
    private string Folder(ContentKey content) => Path.Combine(root.StatePath, "contents", content.Id);

    private static string EntryName(RelativePath name) => Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(name.ToString())));

    public Task AddAsync(ContentKey content, RelativePath name, CancellationToken cancellation)
    {
        try
        {
            var folder = Directory.CreateDirectory(Folder(content)).FullName;
            var entry = Path.Combine(folder, EntryName(name));
            var temp = entry + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, name.ToString());
            File.Move(temp, entry, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RelativePath>> NamesAsync(ContentKey content, int limit, CancellationToken cancellation)
    {
        var folder = Folder(content);
        var names = new List<RelativePath>();
        if (!Directory.Exists(folder))
        {
            return Task.FromResult<IReadOnlyList<RelativePath>>(names); // the common miss: no exception on the request path
        }
        try
        {
            foreach (var entry in Directory.EnumerateFiles(folder))
            {
                if (names.Count >= limit)
                {
                    break;
                }
                if (!entry.EndsWith(".tmp", StringComparison.Ordinal)
                    && RelativePath.TryParse(File.ReadAllText(entry), allowHidden: true, out var name) == PathCheck.Valid && !name.IsRoot)
                {
                    names.Add(name);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return Task.FromResult<IReadOnlyList<RelativePath>>(names);
    }

    public Task RemoveAsync(ContentKey content, RelativePath name, CancellationToken cancellation)
    {
        var folder = Folder(content);
        try
        {
            File.Delete(Path.Combine(folder, EntryName(name)));
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already, or a name was added meanwhile (the folder is not empty): both fine.
        }
        return Task.CompletedTask;
    }
}
