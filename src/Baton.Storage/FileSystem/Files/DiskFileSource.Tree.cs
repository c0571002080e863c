using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Storage.FileSystem.Files;

/// <summary>
/// Folders on disk: every existing folder on the way is resolved through <see cref="DiskRoot"/> (links out of the root or into
/// the state folder are "not there"), missing ones are created below a resolved one, and moves are one <c>rename(2)</c> —
/// atomic, same inode — between resolved parents.
/// </summary>
public sealed partial class DiskFileSource : IFileTree
{
    public ValueTask<TreeOutcome> CreateFolderAsync(RelativePath folder, CancellationToken cancellation)
    {
        if (folder.IsRoot)
        {
            return ValueTask.FromResult(TreeOutcome.Exists);
        }
        var outcome = PrepareNew(folder, out var full);
        if (outcome != TreeOutcome.Done)
        {
            return ValueTask.FromResult(outcome);
        }
        return ValueTask.FromResult(Attempt(() => Directory.CreateDirectory(full!)));
    }

    public ValueTask<TreeOutcome> MoveAsync(RelativePath source, RelativePath destination, bool overwrite, CancellationToken cancellation)
    {
        if (source.IsRoot || _root.Resolve(source) is null || _root.Resolve(source.Parent) is not { } sourceParent)
        {
            return ValueTask.FromResult(TreeOutcome.NotFound);
        }
        var from = Path.Combine(sourceParent, source.Name);
        var isFolder = DiskStatus.OfPath(from) is { IsDirectory: true };
        if (destination.IsRoot || IsSameOrBelow(destination, source))
        {
            return ValueTask.FromResult(isFolder || destination.IsRoot ? TreeOutcome.IntoItself : TreeOutcome.Exists);
        }
        var outcome = PrepareNew(destination, out var to);
        if (outcome == TreeOutcome.Exists && overwrite && !isFolder && _root.Resolve(destination) is { } existing
            && DiskStatus.OfPath(existing) is { IsRegularFile: true } && File.Exists(to))
        {
            // rename(2) replaces the destination file atomically.
            return ValueTask.FromResult(Moved(from, to!, Attempt(() => File.Move(from, to!, overwrite: true))));
        }
        if (outcome != TreeOutcome.Done)
        {
            return ValueTask.FromResult(outcome);
        }
        return ValueTask.FromResult(Moved(from, to!, Attempt(() =>
        {
            if (isFolder)
            {
                Directory.Move(from, to!);
            }
            else
            {
                File.Move(from, to!, overwrite: false);
            }
        })));
    }

    /// <summary>Raised after a file or folder moved (full lexical paths, old and new), so records kept by path follow it.</summary>
    internal event Action<string, string>? PathMoved;

    private TreeOutcome Moved(string from, string to, TreeOutcome outcome)
    {
        if (outcome == TreeOutcome.Done)
        {
            PathMoved?.Invoke(from, to);
        }
        return outcome;
    }

    public ValueTask<TreeOutcome> DeleteFolderAsync(RelativePath folder, bool recursive, CancellationToken cancellation)
    {
        if (folder.IsRoot || _root.Resolve(folder) is not { } real || DiskStatus.OfPath(real) is not { IsDirectory: true }
            || _root.Resolve(folder.Parent) is not { } parent)
        {
            return ValueTask.FromResult(TreeOutcome.NotFound);
        }
        var lexical = Path.Combine(parent, folder.Name);
        if (new DirectoryInfo(lexical).LinkTarget is not null)
        {
            // A link to a folder is deleted as the link, never through it.
            return ValueTask.FromResult(Attempt(() => File.Delete(lexical)));
        }
        if (!recursive && Directory.EnumerateFileSystemEntries(lexical).Any())
        {
            return ValueTask.FromResult(TreeOutcome.NotEmpty);
        }
        // Recursive deletion removes links inside as links (.NET does not follow them).
        return ValueTask.FromResult(Attempt(() => Directory.Delete(lexical, recursive)));
    }

    /// <summary>
    /// Resolves the folders above <paramref name="path"/>, creating missing ones, and gives the full path the new entry will
    /// have; <see cref="TreeOutcome.Exists"/> when that name (or one equal up to case or normalisation) is already taken.
    /// </summary>
    private TreeOutcome PrepareNew(RelativePath path, out string? full)
    {
        full = null;
        var parent = _root.FullPath;
        var prefix = RelativePath.Root;
        foreach (var segment in path.Parent.Segments)
        {
            prefix = prefix.Append(segment);
            var lexical = Path.Combine(parent, segment);
            if (_root.Resolve(prefix) is { } real)
            {
                if (DiskStatus.OfPath(real) is not { IsDirectory: true })
                {
                    return TreeOutcome.NotAFolder;
                }
                parent = real;
            }
            else if (Path.Exists(lexical) || new FileInfo(lexical).LinkTarget is not null)
            {
                return TreeOutcome.NotFound; // a link out of the root, a dangling link or the state folder
            }
            else
            {
                if (Attempt(() => Directory.CreateDirectory(lexical)) != TreeOutcome.Done)
                {
                    return TreeOutcome.Failed;
                }
                parent = lexical;
            }
        }
        full = Path.Combine(parent, path.Name);
        foreach (var entry in Directory.EnumerateFileSystemEntries(parent))
        {
            var name = Path.GetFileName(entry);
            if (name == path.Name || NameCollisionComparer.Collides(path.Name, name))
            {
                return TreeOutcome.Exists;
            }
        }
        return TreeOutcome.Done;
    }

    private static bool IsSameOrBelow(RelativePath path, RelativePath folder) =>
        path.Segments.Count >= folder.Segments.Count && folder.Segments.Select((s, i) => s == path.Segments[i]).All(same => same);

    private static TreeOutcome Attempt(Action change)
    {
        try
        {
            change();
            return TreeOutcome.Done;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return TreeOutcome.Failed;
        }
    }
}
