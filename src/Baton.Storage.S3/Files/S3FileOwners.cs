using System.Collections.Concurrent;
using System.Text;
using Amazon.S3.Model;
using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>
/// Who uploaded each file: one small object per file below <c>.baton/owners/</c> holding the owner's name, read once into memory
/// on first use. A record whose object is gone no longer counts; a record follows its file when the file source moves it (so a
/// move does not take the bytes out of the owner's quota). The contract is synchronous (quotas are checked inline), so the S3
/// calls here block; they are few (one per placed or moved file, one listing per process).
/// </summary>
public sealed class S3FileOwners : IFileOwners
{
    private readonly S3Connection _s3;
    private readonly S3FileSource _files;
    private readonly Lazy<ConcurrentDictionary<string, string>> _owners;

    public S3FileOwners(S3Connection s3, S3FileSource files)
    {
        _s3 = s3;
        _files = files;
        _owners = new(() => LoadAsync(s3).GetAwaiter().GetResult(), LazyThreadSafetyMode.PublicationOnly);
        files.FileMoved += Follow;
    }

    /// <summary>The file <paramref name="from"/> is now at <paramref name="to"/>: its record moves along, and a record of a file
    /// it replaced no longer counts.</summary>
    private void Follow(RelativePath from, RelativePath to)
    {
        if (OwnerOf(from.ToString()) is { } owner)
        {
            Record(to.ToString(), owner);
            Forget(from.ToString());
        }
        else
        {
            Forget(to.ToString());
        }
    }

    public void Record(string name, string owner)
    {
        if (Parse(name) is not { } path)
        {
            return;
        }
        _s3.CallAsync("record owner", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _s3.Bucket,
            Key = _s3.Keys.Owner(path),
            ContentBody = owner,
        }), CancellationToken.None).GetAwaiter().GetResult();
        _owners.Value[name] = owner;
    }

    public string? OwnerOf(string name) => _owners.Value.TryGetValue(name, out var owner) ? owner : null;

    public void Forget(string name)
    {
        if (Parse(name) is not { } path || !_owners.Value.TryRemove(name, out _))
        {
            return;
        }
        _s3.CallAsync("forget owner", c => c.DeleteObjectAsync(_s3.Bucket, _s3.Keys.Owner(path)), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    public long BytesOwnedBy(string owner)
    {
        long total = 0;
        foreach (var (name, who) in _owners.Value)
        {
            if (who == owner && Parse(name) is { } path && _files.HeadAsync(path, CancellationToken.None).GetAwaiter().GetResult() is { } version)
            {
                total += version.Length;
            }
        }
        return total;
    }

    private static RelativePath? Parse(string name) =>
        RelativePath.TryParse(name, allowHidden: true, out var path) == PathCheck.Valid && !path.IsRoot ? path : null;

    private static async Task<ConcurrentDictionary<string, string>> LoadAsync(S3Connection s3)
    {
        var owners = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await s3.CallAsync("list owners", c => c.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = s3.Bucket,
                Prefix = s3.Keys.Owners,
                ContinuationToken = token,
            }), CancellationToken.None).ConfigureAwait(false);
            foreach (var entry in page.S3Objects ?? [])
            {
                using var response = await s3.CallAsync("read owner", c => c.GetObjectAsync(s3.Bucket, entry.Key), CancellationToken.None)
                    .ConfigureAwait(false);
                using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
                owners[entry.Key[s3.Keys.Owners.Length..]] = await reader.ReadToEndAsync().ConfigureAwait(false);
            }
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return owners;
    }
}
