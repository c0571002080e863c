using Baton.Protocol.Paths;

namespace Baton.Storage.Files;

/// <summary>
/// Which stored names held which content (<see cref="ContentKey"/>: SHA-256 + length), fed when an upload becomes a file (issue 15
/// item 1). Entries are hints: a name may since have been deleted, moved or replaced, so a user of the index checks each name
/// against the file's current version-bound digest (<see cref="IFileDigests.TryGet"/>) before relying on it, and removes the
/// entries that no longer hold. Disk keeps it in <c>ROOT/.baton/contents</c>, S3 below <c>PREFIX.baton/contents/</c>, cluster mode
/// in PostgreSQL (<c>baton_files</c>).
/// </summary>
public interface IContentIndex
{
    Task AddAsync(ContentKey content, RelativePath name, CancellationToken cancellation);

    /// <summary>The names recorded for <paramref name="content"/> (unverified), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<RelativePath>> NamesAsync(ContentKey content, int limit, CancellationToken cancellation);

    Task RemoveAsync(ContentKey content, RelativePath name, CancellationToken cancellation);
}
