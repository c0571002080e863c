using Amazon.S3.Model;
using Baton.Storage.Hosting;
using Baton.Storage.Locking;
using Baton.Storage.S3.Hosting;

namespace Baton.Storage.S3.Tests.Files;

/// <summary>Two instances on one bucket and prefix (cluster mode): owners recorded by one count in the other's quota and
/// answer its <c>OwnerOf</c> even after the other has counted once, and a record forgotten by either is gone for both.</summary>
[Collection(RgwFixture.Collection)]
public sealed class S3FileOwnersSharingTests(RgwFixture rgw)
{
    [Fact]
    public async Task Owners_recorded_by_one_instance_count_on_the_other()
    {
        var options = rgw.Engine.Options();
        using var connectionA = new S3Connection(options);
        using var connectionB = new S3Connection(options);
        var a = Create(connectionA);
        var b = Create(connectionB);
        Assert.Equal(0, a.Owners.BytesOwnedBy("alice")); // A has read the (empty) records once

        await PutAsync(connectionB, "one.bin", 1000);
        b.Owners.Record("one.bin", "alice");
        Assert.Equal(1000, a.Owners.BytesOwnedBy("alice"));
        Assert.Equal("alice", a.Owners.OwnerOf("one.bin"));

        await PutAsync(connectionB, "one.bin", 10); // replaced by someone else, on B
        b.Owners.Record("one.bin", "bob");
        Assert.Equal(0, a.Owners.BytesOwnedBy("alice"));
        Assert.Equal(10, a.Owners.BytesOwnedBy("bob"));

        a.Owners.Forget("one.bin"); // forgotten on A, which never recorded it itself
        Assert.Null(b.Owners.OwnerOf("one.bin"));
        Assert.Equal(0, b.Owners.BytesOwnedBy("bob"));
    }

    private static StorageServices Create(S3Connection s3) =>
        S3StorageBackend.Create(s3, new InProcessUploadLocker(new UploadLockOptions()), UploadRetention.Default, TimeProvider.System);

    private static Task PutAsync(S3Connection s3, string name, int length) =>
        s3.CallAsync("seed", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = s3.Bucket,
            Key = s3.Keys.Prefix + name,
            InputStream = new MemoryStream(new byte[length]),
        }), CancellationToken.None);
}
