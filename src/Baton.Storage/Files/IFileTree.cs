using Baton.Protocol.Paths;

namespace Baton.Storage.Files;

/// <summary>
/// Folders as a capability of a file source (issue 14): create, move/rename, delete. Names are root-relative and already
/// checked (<see cref="NewEntryPath"/> for new names); the backend confines them like every name and never touches the root
/// itself or Baton's state. Disk renames atomically (<c>rename(2)</c>, keeping the inode); an object store copies and deletes
/// and documents it. Discovered once through <see cref="FileSourceCapabilities.Tree"/>.
/// </summary>
public interface IFileTree
{
    /// <summary>Creates <paramref name="folder"/> and any missing folders above it.</summary>
    ValueTask<TreeOutcome> CreateFolderAsync(RelativePath folder, CancellationToken cancellation);

    /// <summary>Moves the file or folder <paramref name="source"/> to <paramref name="destination"/> (missing folders above it
    /// created). An existing destination is <see cref="TreeOutcome.Exists"/> unless <paramref name="overwrite"/> and both are files.</summary>
    ValueTask<TreeOutcome> MoveAsync(RelativePath source, RelativePath destination, bool overwrite, CancellationToken cancellation);

    /// <summary>Deletes the folder <paramref name="folder"/>; a non-empty one only when <paramref name="recursive"/>.</summary>
    ValueTask<TreeOutcome> DeleteFolderAsync(RelativePath folder, bool recursive, CancellationToken cancellation);
}
