using Amazon.S3;
using Amazon.S3.Model;
using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>
/// Folders on S3 (issue 14), where a folder is only a key prefix: creating one puts its marker object (<c>a/b/</c>, empty),
/// missing folders above it get theirs, and the folder an entry leaves keeps a marker, so folders live as on disk. A name
/// equal to an existing one up to case or Unicode normalisation is refused (<see cref="NameCollisionComparer"/>).
/// Moving a file is <c>CopyObject</c> (metadata copied: owner, SHA-256, media type; <c>UploadPartCopy</c> beyond 5 GiB) then
/// <c>DeleteObject</c>: a reader sees the source or the destination, possibly both for a moment, never a half file; an
/// overwritten destination is replaced whole. Moving a folder copies every key below it, then deletes them — NOT atomic; see
/// <c>MoveFolderAsync</c> for what a crash leaves. Deleting a folder deletes the keys below it in <c>DeleteObjects</c> batches.
/// Checks and changes are separate requests (S3 has no rename and no conditional create on every engine), so two clients racing
/// for one new name can both succeed; the last write wins, as with uploads.
/// </summary>
public sealed partial class S3FileSource : IFileTree
{
    /// <summary>A file was moved (once its copy exists): who owns it follows (<see cref="S3FileOwners"/>).</summary>
    internal event Action<RelativePath, RelativePath>? FileMoved;

    /// <summary>Server-side copies a folder move keeps in flight at once.</summary>
    private const int ParallelCopies = 8;

    /// <summary>How objects are copied; tests make the multipart threshold small.</summary>
    internal S3ObjectCopy Copy { get; init; }

    public async ValueTask<TreeOutcome> CreateFolderAsync(RelativePath folder, CancellationToken cancellation)
    {
        if (folder.IsRoot)
        {
            return TreeOutcome.Exists;
        }
        if (IsState(folder))
        {
            return TreeOutcome.NotFound;
        }
        var outcome = await PrepareNewAsync(folder, cancellation).ConfigureAwait(false);
        if (outcome != TreeOutcome.Done)
        {
            return outcome;
        }
        try
        {
            // If-None-Match: * (honoured by PutObject on RGW 16 and AWS): of two clients creating one name, one gets 409.
            await _s3.CallAsync("create folder", c => c.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _s3.Bucket,
                Key = _s3.Keys.Folder(folder),
                ContentBody = "",
                IfNoneMatch = "*",
            }), CancellationToken.None).ConfigureAwait(false);
            return TreeOutcome.Done;
        }
        catch (AmazonS3Exception e) when (S3Connection.IsPreconditionFailed(e) || e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return TreeOutcome.Exists;
        }
    }

    public async ValueTask<TreeOutcome> MoveAsync(RelativePath source, RelativePath destination, bool overwrite, CancellationToken cancellation)
    {
        if (source.IsRoot || IsState(source) || IsState(destination))
        {
            return TreeOutcome.NotFound;
        }
        var file = await HeadAsync(source, cancellation).ConfigureAwait(false);
        var isFolder = file is null && await IsFolderAsync(source, cancellation).ConfigureAwait(false);
        var journal = _s3.Keys.Move(source, destination);
        if (file is null && !isFolder)
        {
            // A folder move cut short after its last delete only has its journal left: the rerun finishes by removing it.
            return await DeleteJournalIfAnyAsync(journal, cancellation).ConfigureAwait(false) ? TreeOutcome.Done : TreeOutcome.NotFound;
        }
        if (destination.IsRoot || IsSameOrBelow(destination, source))
        {
            return isFolder || destination.IsRoot ? TreeOutcome.IntoItself : TreeOutcome.Exists;
        }
        var outcome = await PrepareNewAsync(destination, cancellation).ConfigureAwait(false);
        if (isFolder)
        {
            // A taken destination is the half-done move itself when its journal is there: the rerun finishes it.
            if (outcome == TreeOutcome.Done
                || (outcome == TreeOutcome.Exists && await ExistsAsync(journal, cancellation).ConfigureAwait(false)))
            {
                await MoveFolderAsync(source, destination, journal).ConfigureAwait(false);
                return TreeOutcome.Done;
            }
            return outcome;
        }
        var replaces = outcome == TreeOutcome.Exists && overwrite && await HeadAsync(destination, cancellation).ConfigureAwait(false) is not null;
        if (outcome != TreeOutcome.Done && !replaces)
        {
            return outcome;
        }
        return await MoveFileAsync(source, destination, file?.Length ?? 0, cancellation).ConfigureAwait(false);
    }

    public async ValueTask<TreeOutcome> DeleteFolderAsync(RelativePath folder, bool recursive, CancellationToken cancellation)
    {
        if (folder.IsRoot || IsState(folder))
        {
            return TreeOutcome.NotFound;
        }
        var prefix = _s3.Keys.Folder(folder);
        var first = await ListPageAsync(prefix, null, 2, cancellation).ConfigureAwait(false);
        if (first.S3Objects is not { Count: > 0 } some)
        {
            return TreeOutcome.NotFound; // a file of that name is not a folder
        }
        if (!recursive && some.Any(o => o.Key != prefix))
        {
            return TreeOutcome.NotEmpty;
        }
        await PutMarkerAsync(folder.Parent).ConfigureAwait(false);
        await DeleteBelowAsync(prefix).ConfigureAwait(false);
        return TreeOutcome.Done;
    }

    private async Task<TreeOutcome> MoveFileAsync(RelativePath source, RelativePath destination, long length, CancellationToken cancellation)
    {
        var from = _s3.Keys.File(source);
        try
        {
            await Copy.CopyKeepingMetadataAsync(from, _s3.Keys.File(destination), length, cancellation).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (S3Connection.IsNotFound(e))
        {
            return TreeOutcome.NotFound; // deleted since it was found
        }
        catch (AmazonS3Exception e) when (S3Connection.IsPreconditionFailed(e))
        {
            return TreeOutcome.Failed; // replaced during a multipart copy, which was dropped: nothing changed
        }
        // From here on the move finishes even if the caller goes away: the copy is made, only the source is left to remove.
        FileMoved?.Invoke(source, destination);
        await PutMarkerAsync(source.Parent).ConfigureAwait(false);
        await _s3.CallAsync("move", c => c.DeleteObjectAsync(_s3.Bucket, from, CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
        _digests.Move(source.ToString(), destination.ToString());
        return TreeOutcome.Done;
    }

    /// <summary>
    /// Moves a folder in three steps, none atomic: (1) a journal object names the move; (2) every key below the source is copied
    /// below the destination (metadata kept); (3) the source's keys are deleted, then the journal. A crash in (2) leaves the
    /// source whole and a partial destination; in (3) a complete destination and what is left of the source. Nothing is lost
    /// either way, and the same move run again finds the journal, accepts the destination it began, copies what is still below
    /// the source (again: copies are idempotent) and deletes it. Once the journal is written the move runs to its end even if the
    /// caller goes away, so only a crash or a storage outage leaves it half done.
    /// </summary>
    private async Task MoveFolderAsync(RelativePath source, RelativePath destination, string journal)
    {
        await _s3.CallAsync("move", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _s3.Bucket,
            Key = journal,
            ContentBody = source + "\n" + destination + "\n",
        }), CancellationToken.None).ConfigureAwait(false);
        var from = _s3.Keys.Folder(source);
        var to = _s3.Keys.Folder(destination);
        string? token = null;
        do
        {
            var page = await ListPageAsync(from, token, null, CancellationToken.None).ConfigureAwait(false);
            // Copies run side by side: each is one engine round trip that mostly waits (measured on RGW: 1000 small files took
            // 53 s one after another).
            await Parallel.ForEachAsync(page.S3Objects ?? [], new ParallelOptions { MaxDegreeOfParallelism = ParallelCopies },
                async (entry, _) =>
                {
                    // The folder's own marker (key == from) becomes the destination's marker.
                    var target = to + entry.Key[from.Length..];
                    await Copy.CopyKeepingMetadataAsync(entry.Key, target, entry.Size ?? 0, CancellationToken.None).ConfigureAwait(false);
                    if (_s3.Keys.NameOf(entry.Key) is { } movedFrom && _s3.Keys.NameOf(target) is { } movedTo && !entry.Key.EndsWith('/'))
                    {
                        FileMoved?.Invoke(movedFrom, movedTo);
                        _digests.Move(movedFrom.ToString(), movedTo.ToString());
                    }
                }).ConfigureAwait(false);
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        await PutMarkerAsync(source.Parent).ConfigureAwait(false);
        await DeleteBelowAsync(from).ConfigureAwait(false);
        await _s3.CallAsync("move", c => c.DeleteObjectAsync(_s3.Bucket, journal, CancellationToken.None), CancellationToken.None)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Checks that every folder above <paramref name="path"/> is not a file and that no entry beside it has its name (or one
    /// equal up to case or normalisation); then puts the markers of the folders above it, so they stay when it leaves again.
    /// </summary>
    private async Task<TreeOutcome> PrepareNewAsync(RelativePath path, CancellationToken cancellation)
    {
        var above = new List<RelativePath>();
        var level = RelativePath.Root;
        foreach (var segment in path.Parent.Segments)
        {
            level = level.Append(segment);
            if (await HeadAsync(level, cancellation).ConfigureAwait(false) is not null)
            {
                return TreeOutcome.NotAFolder;
            }
            above.Add(level);
        }
        if (await ListAsync(path.Parent, cancellation).ConfigureAwait(false) is { } siblings
            && siblings.Any(s => s.Name == path.Name || NameCollisionComparer.Collides(path.Name, s.Name)))
        {
            return TreeOutcome.Exists;
        }
        foreach (var folder in above)
        {
            await PutMarkerAsync(folder).ConfigureAwait(false);
        }
        return TreeOutcome.Done;
    }

    /// <summary>Puts the empty marker object that makes <paramref name="folder"/> exist with nothing below it.</summary>
    private async Task PutMarkerAsync(RelativePath folder)
    {
        if (folder.IsRoot)
        {
            return;
        }
        await _s3.CallAsync("create folder", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _s3.Bucket,
            Key = _s3.Keys.Folder(folder),
            ContentBody = "",
        }), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Deletes every key starting with <paramref name="prefix"/>, a <c>DeleteObjects</c> batch (≤ 1000) per listed page.</summary>
    private async Task DeleteBelowAsync(string prefix)
    {
        while (true)
        {
            // Always the first page: what was deleted is no longer listed.
            var page = await ListPageAsync(prefix, null, null, CancellationToken.None).ConfigureAwait(false);
            if (page.S3Objects is not { Count: > 0 } batch)
            {
                return;
            }
            var deleted = await _s3.CallAsync("delete folder", c => c.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = _s3.Bucket,
                Objects = batch.Select(o => new KeyVersion { Key = o.Key }).ToList(),
                Quiet = true,
            }), CancellationToken.None).ConfigureAwait(false);
            if (deleted.DeleteErrors is { Count: > 0 } errors)
            {
                throw new StorageUnavailableException(
                    $"S3 storage did not delete {errors.Count} objects (delete folder: {errors[0].Code}).", _s3.Options.RetryAfter);
            }
        }
    }

    private Task<ListObjectsV2Response> ListPageAsync(string prefix, string? token, int? max, CancellationToken cancellation) =>
        _s3.CallAsync("list", c => c.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = _s3.Bucket,
            Prefix = prefix,
            ContinuationToken = token,
            MaxKeys = max,
        }, cancellation), cancellation);

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellation) =>
        await _s3.FindAsync("stat", c => c.GetObjectMetadataAsync(_s3.Bucket, key, cancellation), cancellation).ConfigureAwait(false) is not null;

    private async Task<bool> DeleteJournalIfAnyAsync(string journal, CancellationToken cancellation)
    {
        if (!await ExistsAsync(journal, cancellation).ConfigureAwait(false))
        {
            return false;
        }
        await _s3.CallAsync("move", c => c.DeleteObjectAsync(_s3.Bucket, journal, CancellationToken.None), CancellationToken.None)
            .ConfigureAwait(false);
        return true;
    }

    private static bool IsSameOrBelow(RelativePath path, RelativePath folder) =>
        path.Segments.Count >= folder.Segments.Count && folder.Segments.Select((s, i) => s == path.Segments[i]).All(same => same);
}
