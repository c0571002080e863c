using Amazon.S3.Model;
using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>
/// Served files as objects below the prefix: stat by <c>HeadObject</c>, bytes by ranged <c>GetObject</c> conditioned on the
/// opened ETag, folders as common prefixes of <c>ListObjectsV2</c> with delimiter '/'. Baton's state (<c>.baton/</c>) is never
/// listed or served. Digests found in object metadata on the way are handed to <see cref="S3FileDigests"/>.
/// </summary>
public sealed partial class S3FileSource : IFileSource, IFileDeletion
{
    private readonly S3Connection _s3;
    private readonly S3FileDigests _digests;

    public S3FileSource(S3Connection s3, S3FileDigests digests)
    {
        _s3 = s3;
        _digests = digests;
        Copy = new S3ObjectCopy(s3);
        // RGW 16 ignores If-Match on DeleteObject, so the check and the delete are two steps, as on disk.
        Capabilities = FileSourceCapabilities.Discover(this, atomicConditionalDeletion: false);
    }

    public FileSourceCapabilities Capabilities { get; }

    public async ValueTask<FileStat?> StatAsync(RelativePath name, CancellationToken cancellation)
    {
        if (name.IsRoot)
        {
            return new FileStat(name, FileKind.Directory, DateTimeOffset.UnixEpoch, null);
        }
        if (IsState(name))
        {
            return null;
        }
        if (await HeadAsync(name, cancellation).ConfigureAwait(false) is { } head)
        {
            return new FileStat(name, FileKind.File, head.LastModified, head);
        }
        return await IsFolderAsync(name, cancellation).ConfigureAwait(false)
            ? new FileStat(name, FileKind.Directory, DateTimeOffset.UnixEpoch, null)
            : null;
    }

    public async ValueTask<IFileReader?> OpenAsync(RelativePath name, CancellationToken cancellation) =>
        !name.IsRoot && await HeadAsync(name, cancellation).ConfigureAwait(false) is { } version
            ? new S3FileReader(_s3, _s3.Keys.File(name), version)
            : null;

    public async ValueTask<IReadOnlyList<FileStat>?> ListAsync(RelativePath folder, CancellationToken cancellation)
    {
        if (IsState(folder))
        {
            return null;
        }
        var prefix = _s3.Keys.Folder(folder);
        var entries = new List<FileStat>();
        var any = folder.IsRoot;
        string? token = null;
        do
        {
            var page = await _s3.CallAsync("list", s3 => s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = _s3.Bucket,
                Prefix = prefix,
                Delimiter = "/",
                ContinuationToken = token,
            }, cancellation), cancellation).ConfigureAwait(false);
            foreach (var common in page.CommonPrefixes ?? [])
            {
                any = true;
                var segment = common[prefix.Length..].TrimEnd('/');
                if (Child(folder, segment) is { } child)
                {
                    entries.Add(new FileStat(child, FileKind.Directory, DateTimeOffset.UnixEpoch, null));
                }
            }
            foreach (var entry in page.S3Objects ?? [])
            {
                any = true;
                // The folder's own marker object ("a/b/") is what makes an empty folder exist, not an entry of it.
                if (entry.Key.Length > prefix.Length && Child(folder, entry.Key[prefix.Length..]) is { } child)
                {
                    var version = S3Versions.Of(entry);
                    entries.Add(new FileStat(child, FileKind.File, version.LastModified, version));
                }
            }
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return any ? entries : null;
    }

    public async ValueTask<DeletionOutcome> DeleteAsync(RelativePath name, FileVersion expected, CancellationToken cancellation)
    {
        if (name.IsRoot || await HeadAsync(name, cancellation).ConfigureAwait(false) is not { } now)
        {
            return DeletionOutcome.NotFound;
        }
        if (now.ETag.Opaque != expected.ETag.Opaque)
        {
            return DeletionOutcome.Changed;
        }
        await _s3.CallAsync("delete", s3 => s3.DeleteObjectAsync(_s3.Bucket, _s3.Keys.File(name), cancellation), cancellation)
            .ConfigureAwait(false);
        _digests.Forget(name.ToString());
        return DeletionOutcome.Deleted;
    }

    /// <summary>The version of the object at <paramref name="name"/>, or null.</summary>
    internal async Task<FileVersion?> HeadAsync(RelativePath name, CancellationToken cancellation)
    {
        if (name.IsRoot || IsState(name))
        {
            return null;
        }
        var head = await _s3.FindAsync("stat", s3 => s3.GetObjectMetadataAsync(_s3.Bucket, _s3.Keys.File(name), cancellation), cancellation)
            .ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }
        var version = S3Versions.Of(head);
        if (S3Versions.Sha256(head.Metadata) is { } sha256)
        {
            _digests.Store(name.ToString(), version, sha256);
        }
        return version;
    }

    private async Task<bool> IsFolderAsync(RelativePath name, CancellationToken cancellation)
    {
        var page = await _s3.CallAsync("list", s3 => s3.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = _s3.Bucket,
            Prefix = _s3.Keys.Folder(name),
            MaxKeys = 1,
        }, cancellation), cancellation).ConfigureAwait(false);
        return page.S3Objects is { Count: > 0 };
    }

    /// <summary>Baton's own state (<c>.baton/…</c>) is not a served name, whatever a caller passes.</summary>
    private static bool IsState(RelativePath name) => !name.IsRoot && name.Segments[0] == RelativePath.StateFolderName;

    private static RelativePath? Child(RelativePath folder, string segment) =>
        segment.Length > 0 && !segment.Contains('/')
        && RelativePath.TryParse(folder.IsRoot ? segment : folder + "/" + segment, allowHidden: true, out var child) == PathCheck.Valid
            ? child
            : null;
}
