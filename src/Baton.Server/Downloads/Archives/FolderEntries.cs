using Baton.Protocol.Archives;
using Baton.Protocol.Paths;
using Baton.Server.Files;
using Baton.Storage.Files;

namespace Baton.Server.Downloads.Archives;

/// <summary>
/// The entries of a folder's archive (docs/downloads.md "Folder downloads as ZIP"): every servable file below it, named
/// relative to it, plus <c>name/</c> for each empty folder. Walked through <see cref="IFileSource.ListAsync"/>, so links out of
/// the root, the state folder and (unless served) hidden names never appear. Depth-first with an explicit stack: a few numbers
/// per entry, nothing per byte.
/// </summary>
public sealed class FolderEntries(IFileSource source, StoredFiles files)
{
    /// <summary>The entries below <paramref name="folder"/>, or null when it is not a folder.</summary>
    public async Task<List<ZipEntry>?> CollectAsync(RelativePath folder, CancellationToken cancellation)
    {
        if (await source.ListAsync(folder, cancellation) is not { } top)
        {
            return null;
        }
        var entries = new List<ZipEntry>();
        var pending = new Stack<(RelativePath Folder, IReadOnlyList<FileStat> Listed, DateTimeOffset Modified)>();
        pending.Push((folder, top, default));
        while (pending.TryPop(out var next))
        {
            var any = false;
            foreach (var stat in next.Listed)
            {
                if (files.Check(stat.Path.ToString(), out var child) != PathCheck.Valid)
                {
                    continue; // hidden or unsafe: not in the archive, as not in a listing
                }
                var name = Relative(folder, child);
                if (stat is { Kind: FileKind.File, Version: { } version })
                {
                    entries.Add(ZipEntry.File(name, version.Length, version.LastModified, version.ETag));
                    any = true;
                }
                else if (stat.Kind == FileKind.Directory && await source.ListAsync(child, cancellation) is { } inner)
                {
                    pending.Push((child, inner, stat.LastModified));
                    any = true;
                }
            }
            if (!any && next.Folder.Segments.Count > folder.Segments.Count)
            {
                entries.Add(ZipEntry.Folder(Relative(folder, next.Folder), next.Modified));
            }
        }
        return entries;
    }

    private static string Relative(RelativePath folder, RelativePath path) =>
        string.Join('/', path.Segments.Skip(folder.Segments.Count));
}
