using System.Security.Cryptography;
using Amazon.S3.Model;
using Baton.Storage.Conformance;
using Baton.Storage.S3.Tests.Conformance;
using static Baton.Storage.Conformance.ConformanceData;

namespace Baton.Storage.S3.Tests.Uploads;

/// <summary>The multipart paths the small conformance uploads never reach: whole parts, tails joined to the next append,
/// refused chunks spanning parts, restarts between parts, concatenation by server-side part copies.</summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class MultipartUploadTests(RgwFixture rgw) : IAsyncLifetime
{
    private const int Part = 5 * 1024 * 1024;
    private S3BackendUnderTest _backend = null!;

    private StoreCapabilities Store => StoreCapabilities.Discover(_backend.Services.Uploads);

    public Task InitializeAsync()
    {
        _backend = new S3BackendUnderTest(rgw.Engine, o => o.PartSize = Part);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task Appends_of_any_size_become_equal_parts_and_a_tail_and_complete_byte_exact()
    {
        var content = Bytes(2 * Part + 123_457, seed: 11);
        var info = await Store.Core.CreateAsync(new NewUpload(content.Length), default);
        int[] cuts = [3 * 1024 * 1024, 7 * 1024 * 1024, 7 * 1024 * 1024 + 1, content.Length];
        var offset = 0;
        foreach (var cut in cuts)
        {
            var result = await Store.Core.AppendAsync(info.Id, Append(offset, content[offset..cut]), default);
            Assert.Equal(AppendOutcome.Appended, result.Outcome);
            Assert.Equal(cut, result.Info!.Offset);
            offset = cut;
            if (cut < content.Length)
            {
                // Bytes short of a whole part wait in exactly one tail object; whole parts are in the multipart upload.
                var tails = (await _backend.KeysAsync()).Count(k => k.Contains(".tail.", StringComparison.Ordinal));
                Assert.Equal(cut % Part == 0 ? 0 : 1, tails);
            }
        }

        var placed = await Store.Placement!.PlaceAsync(info.Id, ["out/whole.bin"], replace: false, default);

        Assert.Equal(SHA256.HashData(content), placed!.Sha256);
        Assert.Equal(content, await FileContents.ReadAllAsync(_backend.Services.Files, "out/whole.bin"));
        // The placed object is one multipart object of equal parts (ETag "md5-N", N = 3) and nothing of the upload is left.
        var head = await _backend.Raw.CallAsync("head", c => c.GetObjectMetadataAsync(_backend.Raw.Bucket, _backend.Raw.Keys.Prefix + "out/whole.bin"), default);
        Assert.EndsWith("-3\"", head.ETag, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), head.Metadata["baton-sha256"]);
        Assert.DoesNotContain(await _backend.KeysAsync(), k => k.Contains(info.Id + ".data", StringComparison.Ordinal) || k.Contains(".tail.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_chunk_spanning_parts_leaves_the_offset_and_the_next_chunk_replaces_its_parts()
    {
        var content = Bytes(3 * Part, seed: 12);
        var info = await Store.Core.CreateAsync(new NewUpload(content.Length), default);
        await Store.Core.AppendAsync(info.Id, Append(0, content[..1000]), default);
        var chunk = content[1000..(2 * Part + 1000)];

        var refused = await Store.Core.AppendAsync(info.Id, Append(1000, Bytes(chunk.Length, seed: 99), new Sha256Verifier(SHA256.HashData(chunk))), default);
        Assert.Equal(AppendOutcome.Rejected, refused.Outcome);
        Assert.Equal(1000, (await Store.Core.FindAsync(info.Id, default)).Info!.Offset);

        var accepted = await Store.Core.AppendAsync(info.Id, Append(1000, chunk, new Sha256Verifier(SHA256.HashData(chunk))), default);
        Assert.Equal(2 * Part + 1000, accepted.Info!.Offset);
        await Store.Core.AppendAsync(info.Id, Append(2 * Part + 1000, content[(2 * Part + 1000)..]), default);

        Assert.Equal(SHA256.HashData(content), await Store.Placement!.DigestAsync(info.Id, default));
        await Store.Placement.PlaceAsync(info.Id, ["r.bin"], replace: false, default);
        Assert.Equal(content, await FileContents.ReadAllAsync(_backend.Services.Files, "r.bin"));
    }

    [Fact]
    public async Task After_a_restart_between_parts_the_upload_resumes_and_its_digest_is_computed_from_S3()
    {
        var content = Bytes(Part + Part / 2, seed: 13);
        var info = await Store.Core.CreateAsync(new NewUpload(content.Length), default);
        await Store.Core.AppendAsync(info.Id, Append(0, content[..(Part + 10)]), default);

        var restarted = StoreCapabilities.Discover((await _backend.RestartAsync()).Uploads);

        Assert.Equal(Part + 10, (await restarted.Core.FindAsync(info.Id, default)).Info!.Offset);
        var done = await restarted.Core.AppendAsync(info.Id, Append(Part + 10, content[(Part + 10)..]), default);
        Assert.True(done.Info!.IsComplete);
        Assert.Equal(SHA256.HashData(content), await restarted.Placement!.DigestAsync(info.Id, default));
    }

    [Fact]
    public async Task Partials_of_whole_parts_are_joined_by_server_side_part_copies()
    {
        var a = Bytes(Part, seed: 14);
        var b = Bytes(Part + 77, seed: 15);
        var c = Bytes(4321, seed: 16);
        var ids = new List<string>();
        foreach (var piece in new[] { a, b, c })
        {
            var partial = await Store.Core.CreateAsync(new NewUpload(piece.Length, Kind: UploadKind.Partial), default);
            await Store.Core.AppendAsync(partial.Id, Append(0, piece), default);
            ids.Add(partial.Id);
        }

        var final = await Store.Concatenation!.CreateFinalAsync(new NewUpload(null, Kind: UploadKind.Final), ids, default);

        Assert.True(final!.IsComplete);
        byte[] whole = [.. a, .. b, .. c];
        Assert.Equal(SHA256.HashData(whole), await Store.Placement!.DigestAsync(final.Id, default));
        await Store.Placement.PlaceAsync(final.Id, ["joined.bin"], replace: false, default);
        Assert.Equal(whole, await FileContents.ReadAllAsync(_backend.Services.Files, "joined.bin"));
        var head = await _backend.Raw.CallAsync("head", s3 => s3.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = _backend.Raw.Bucket,
            Key = _backend.Raw.Keys.Prefix + "joined.bin",
        }), default);
        Assert.EndsWith("-3\"", head.ETag, StringComparison.Ordinal); // a, b's first part (copied), then b's rest + c
    }

    [Fact]
    public async Task Termination_and_expiry_abort_the_multipart_upload_and_remove_every_object()
    {
        var content = Bytes(Part + 5, seed: 17);
        var terminated = await Store.Core.CreateAsync(new NewUpload(3 * Part), default);
        await Store.Core.AppendAsync(terminated.Id, Append(0, content), default);
        var expiring = await Store.Core.CreateAsync(new NewUpload(3 * Part), default);
        await Store.Core.AppendAsync(expiring.Id, Append(0, content), default);

        await Store.Termination!.TerminateAsync(terminated.Id, default);
        Assert.Equal(1, await Store.Expiry!.RemoveExpiredAsync(DateTimeOffset.UtcNow + TimeSpan.FromDays(2), default));

        Assert.Empty(await _backend.KeysAsync());
        var uploads = await _backend.Raw.CallAsync("list", c => c.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
        {
            BucketName = _backend.Raw.Bucket,
            Prefix = _backend.Raw.Keys.Prefix,
        }), default);
        Assert.Empty(uploads.MultipartUploads ?? []);
    }
}
