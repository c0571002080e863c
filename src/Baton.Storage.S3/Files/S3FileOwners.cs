using System.Collections.Concurrent;
using System.Text;
using Amazon.S3.Model;
using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>
/// Who uploaded each file: one small object per file below <c>.baton/owners/</c> holding the owner's name. A record whose object
/// is gone no longer counts; a record follows its file when the file source moves it (so a move does not take the bytes out of the
/// owner's quota). Several instances share the bucket (cluster mode), so nothing is answered from a memory of earlier reads: a
/// quota count lists the records afresh (re-reading only records whose ETag changed since this instance last read them) and
/// <see cref="OwnerOf"/> reads the one record. The contract is synchronous (quotas are checked inline), so the S3 calls block.
/// </summary>
public sealed class S3FileOwners : IFileOwners
{
    private readonly S3Connection _s3;
    private readonly S3FileSource _files;
    // Record key → (its ETag, the owner it names): what this instance read last, reused while the ETag is unchanged.
    private readonly ConcurrentDictionary<string, (string ETag, string Owner)> _read = new(StringComparer.Ordinal);

    public S3FileOwners(S3Connection s3, S3FileSource files)
    {
        _s3 = s3;
        _files = files;
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
    }

    public string? OwnerOf(string name) => Parse(name) is { } path ? ReadOwnerAsync(_s3.Keys.Owner(path)).GetAwaiter().GetResult() : null;

    public void Forget(string name)
    {
        if (Parse(name) is not { } path)
        {
            return;
        }
        // Deleted whether or not this instance saw it recorded (another instance may have): deleting nothing is not an error.
        _s3.CallAsync("forget owner", c => c.DeleteObjectAsync(_s3.Bucket, _s3.Keys.Owner(path)), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    public long BytesOwnedBy(string owner)
    {
        long total = 0;
        foreach (var (name, who) in ListAsync().GetAwaiter().GetResult())
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

    /// <summary>Every record now in the bucket (name → owner), re-reading only records changed since this instance read them.</summary>
    private async Task<List<(string Name, string Owner)>> ListAsync()
    {
        var owners = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await _s3.CallAsync("list owners", c => c.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = _s3.Bucket,
                Prefix = _s3.Keys.Owners,
                ContinuationToken = token,
            }), CancellationToken.None).ConfigureAwait(false);
            foreach (var entry in page.S3Objects ?? [])
            {
                seen.Add(entry.Key);
                if (!_read.TryGetValue(entry.Key, out var known) || known.ETag != entry.ETag)
                {
                    known = (entry.ETag, await ReadOwnerAsync(entry.Key).ConfigureAwait(false) ?? "");
                    _read[entry.Key] = known;
                }
                owners.Add((entry.Key[_s3.Keys.Owners.Length..], known.Owner));
            }
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        foreach (var gone in _read.Keys.Where(k => !seen.Contains(k)))
        {
            _read.TryRemove(gone, out _);
        }
        return owners;
    }

    private async Task<string?> ReadOwnerAsync(string key)
    {
        using var response = await _s3.FindAsync("read owner", c => c.GetObjectAsync(_s3.Bucket, key), CancellationToken.None)
            .ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }
        using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
