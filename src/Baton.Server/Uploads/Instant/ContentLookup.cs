using Baton.Protocol.Paths;
using Baton.Storage;
using Baton.Storage.Files;

namespace Baton.Server.Uploads.Instant;

/// <summary>
/// Finds a stored file holding given content (issue 15). The index only says which names once held it; each name is believed only
/// after its current version's digest (<see cref="IFileDigests.TryGet"/>, bound to that version) and length match — so a file
/// deleted, moved away or replaced since is never taken for the content, and its entry is dropped on the way. Names the caller
/// may not read are skipped without touching storage, so a caller who may read none of them costs what a miss costs.
/// </summary>
public sealed class ContentLookup(IContentIndex index, IFileSource files, IFileDigests digests)
{
    /// <summary>At most this many names are considered per lookup.</summary>
    public const int CandidateLimit = 16;

    public async Task<StoredContent?> FindAsync(ContentKey content, Func<RelativePath, bool> readable, CancellationToken cancellation)
    {
        foreach (var name in await index.NamesAsync(content, CandidateLimit, cancellation).ConfigureAwait(false))
        {
            if (!readable(name))
            {
                continue;
            }
            if (await files.StatAsync(name, cancellation).ConfigureAwait(false) is { Kind: FileKind.File, Version: { } version }
                && digests.TryGet(name.ToString(), version, out var sha256)
                && content.Matches(sha256, version.Length))
            {
                return new StoredContent(name, version, sha256);
            }
            // Gone, changed, or no digest for its current version: the hint no longer holds.
            await index.RemoveAsync(content, name, cancellation).ConfigureAwait(false);
        }
        return null;
    }
}
