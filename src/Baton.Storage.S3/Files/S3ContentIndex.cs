using Amazon.S3.Model;
using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>
/// The content index in the bucket: an empty object <c>PREFIX.baton/contents/HEX-LENGTH/NAME</c> per name, so one
/// <c>ListObjectsV2</c> of the content's prefix yields its names with no reads, and adding or removing a name is one PUT or DELETE
/// (no list to rewrite, no lock). Entries are hints (<see cref="IContentIndex"/>); a name too long for a key is not indexed.
/// </summary>
public sealed class S3ContentIndex(S3Connection s3) : IContentIndex
{
    /// <summary>S3's longest key, in UTF-8 bytes.</summary>
    private const int MaxKeyBytes = 1024;

    private string Folder(ContentKey content) => s3.Keys.Contents + content.Id + "/";

    public async Task AddAsync(ContentKey content, RelativePath name, CancellationToken cancellation)
    {
        var key = Folder(content) + name;
        if (System.Text.Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            return;
        }
        await s3.CallAsync("index content", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = s3.Bucket,
            Key = key,
            ContentBody = "",
        }, cancellation), cancellation).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RelativePath>> NamesAsync(ContentKey content, int limit, CancellationToken cancellation)
    {
        var folder = Folder(content);
        var page = await s3.CallAsync("find content", c => c.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = s3.Bucket,
            Prefix = folder,
            MaxKeys = limit,
        }, cancellation), cancellation).ConfigureAwait(false);
        var names = new List<RelativePath>();
        foreach (var entry in page.S3Objects ?? [])
        {
            if (RelativePath.TryParse(entry.Key[folder.Length..], allowHidden: true, out var name) == PathCheck.Valid && !name.IsRoot)
            {
                names.Add(name);
            }
        }
        return names;
    }

    public async Task RemoveAsync(ContentKey content, RelativePath name, CancellationToken cancellation) =>
        await s3.FindAsync("unindex content", c => c.DeleteObjectAsync(s3.Bucket, Folder(content) + name, cancellation), cancellation)
            .ConfigureAwait(false);
}
