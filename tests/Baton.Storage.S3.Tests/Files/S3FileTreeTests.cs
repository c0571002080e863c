using System.Security.Cryptography;
using Amazon.S3.Model;
using Baton.Storage.Conformance;
using Baton.Storage.Files;
using Baton.Storage.S3.Files;
using Baton.Storage.S3.Tests.Conformance;
using Baton.Storage.S3.Tests.Serve;
using Baton.Testing;
using static Baton.Storage.Conformance.FileContents;

namespace Baton.Storage.S3.Tests.Files;

/// <summary>
/// What S3 folders do beyond the shared conformance (S3FileTreeConformanceTests): a moved object keeps its metadata (owner,
/// SHA-256, media type) through <c>CopyObject</c> and through a multipart copy; a folder move the engine cut short midway is
/// finished by running it again; who owns a moved file follows it; a recursive delete empties more than one <c>DeleteObjects</c> batch.
/// </summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class S3FileTreeTests(RgwFixture rgw)
{
    private const int MiB = 1024 * 1024;

    [Theory]
    [InlineData(70_000, false)]
    [InlineData(12 * MiB + 5, true)] // beyond the (lowered) single-copy limit: UploadPartCopy of 5 MiB parts
    public async Task A_moved_file_keeps_its_metadata_and_bytes(int length, bool multipart)
    {
        await using var backend = new S3BackendUnderTest(rgw.Engine);
        var s3 = backend.Raw;
        var content = ConformanceData.Bytes(length, seed: 9);
        var sha256 = SHA256.HashData(content);
        var put = new PutObjectRequest
        {
            BucketName = s3.Bucket,
            Key = s3.Keys.Prefix + "in/a.bin",
            InputStream = new MemoryStream(content),
            ContentType = "image/png",
        };
        put.Metadata.Add("baton-sha256", Convert.ToHexStringLower(sha256));
        put.Metadata.Add("baton-owner", "alice");
        await s3.CallAsync("seed", c => c.PutObjectAsync(put), default);
        var digests = new S3FileDigests();
        var files = new S3FileSource(s3, digests) { Copy = new S3ObjectCopy(s3, singleCopyLimit: 8 * MiB, partSize: 5 * MiB) };

        Assert.Equal(TreeOutcome.Done, await files.MoveAsync(PathOf("in/a.bin"), PathOf("out/b.bin"), false, default));

        var head = await s3.CallAsync("head", c => c.GetObjectMetadataAsync(s3.Bucket, s3.Keys.Prefix + "out/b.bin"), default);
        Assert.Equal(Convert.ToHexStringLower(sha256), head.Metadata["baton-sha256"]);
        Assert.Equal("alice", head.Metadata["baton-owner"]);
        Assert.Equal("image/png", head.Headers.ContentType);
        Assert.Equal(multipart, head.ETag.Contains("-3", StringComparison.Ordinal)); // a multipart ETag names its 3 parts
        Assert.Equal(content, await ReadAllAsync(files, "out/b.bin"));
        var stat = await files.StatAsync(PathOf("out/b.bin"), default);
        Assert.True(digests.TryGet("out/b.bin", stat!.Version!.Value, out var known));
        Assert.Equal(sha256, known);
        Assert.Null(await files.StatAsync(PathOf("in/a.bin"), default));
        Assert.Equal(FileKind.Directory, (await files.StatAsync(PathOf("in"), default))?.Kind); // the folder it left stays
    }

    [Fact]
    public async Task Who_owns_a_moved_file_follows_it_so_its_bytes_still_count_for_the_quota()
    {
        await using var backend = new S3BackendUnderTest(rgw.Engine);
        await backend.WriteFileAsync("a.bin", ConformanceData.Bytes(100));
        await backend.WriteFileAsync("dir/b.bin", ConformanceData.Bytes(50));
        await backend.WriteFileAsync("taken.bin", ConformanceData.Bytes(7));
        var owners = backend.Services.Owners;
        owners.Record("a.bin", "alice");
        owners.Record("dir/b.bin", "alice");
        owners.Record("taken.bin", "bob");
        var tree = backend.Services.Files.Capabilities.Tree!;

        Assert.Equal(TreeOutcome.Done, await tree.MoveAsync(PathOf("a.bin"), PathOf("taken.bin"), true, default));
        Assert.Equal(TreeOutcome.Done, await tree.MoveAsync(PathOf("dir"), PathOf("moved"), false, default));

        Assert.Equal("alice", owners.OwnerOf("taken.bin"));
        Assert.Equal("alice", owners.OwnerOf("moved/b.bin"));
        Assert.Null(owners.OwnerOf("a.bin"));
        Assert.Null(owners.OwnerOf("dir/b.bin"));
        Assert.Equal(150, owners.BytesOwnedBy("alice"));
        Assert.Equal(0, owners.BytesOwnedBy("bob"));
        Assert.Equal(150, (await backend.RestartAsync()).Owners.BytesOwnedBy("alice")); // the records in S3 moved too
    }

    [Fact]
    public async Task A_folder_move_cut_short_by_the_engine_going_away_is_finished_by_running_it_again()
    {
        await using var relay = new TcpRelay(new Uri(rgw.Engine.Endpoint));
        await using var backend = new S3BackendUnderTest(rgw.Engine, o =>
        {
            o.ServiceUrl = relay.Url.ToString();
            o.Timeout = TimeSpan.FromSeconds(5);
        });
        var names = new[] { "1.bin", "2.bin", "3.bin", "sub/4.bin", "sub/5.bin", "sub/deep/6.bin" };
        for (var i = 0; i < names.Length; i++)
        {
            await backend.WriteFileAsync("src/" + names[i], ConformanceData.Bytes(1000 + i, seed: i));
        }
        await backend.WriteFileAsync("other/x.bin", ConformanceData.Bytes(10));
        var tree = backend.Services.Files.Capabilities.Tree!;

        relay.StopAfterCopies(3);
        await Assert.ThrowsAsync<StorageUnavailableException>(async () => await tree.MoveAsync(PathOf("src"), PathOf("dst"), false, default));
        relay.Start();

        // Cut short: the source whole, the destination partial; nothing lost.
        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(ConformanceData.Bytes(1000 + i, seed: i), await ReadAllAsync(backend.Services.Files, "src/" + names[i]));
        }
        Assert.Equal(3, (await backend.KeysAsync()).Count(k => k.StartsWith(backend.Raw.Keys.Prefix + "dst/", StringComparison.Ordinal)));
        // The half-made destination is taken for any other move; the same move run again finishes.
        Assert.Equal(TreeOutcome.Exists, await tree.MoveAsync(PathOf("other"), PathOf("dst"), false, default));
        Assert.Equal(TreeOutcome.Done, await tree.MoveAsync(PathOf("src"), PathOf("dst"), false, default));

        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(ConformanceData.Bytes(1000 + i, seed: i), await ReadAllAsync(backend.Services.Files, "dst/" + names[i]));
        }
        Assert.Null(await backend.Services.Files.StatAsync(PathOf("src"), default));
        Assert.DoesNotContain(await backend.KeysAsync(), k => k.StartsWith(backend.Raw.Keys.Moves, StringComparison.Ordinal));
        Assert.Equal(TreeOutcome.NotFound, await tree.MoveAsync(PathOf("src"), PathOf("dst"), false, default)); // finished: nothing to redo
    }

    [Fact]
    public async Task A_digest_known_only_in_memory_follows_a_moved_file()
    {
        await using var backend = new S3BackendUnderTest(rgw.Engine);
        var content = ConformanceData.Bytes(5000, seed: 4);
        await backend.WriteFileAsync("dir/plain.bin", content); // written by someone else: no digest in its metadata
        var files = backend.Services.Files;
        var digests = backend.Services.Digests;
        digests.Store("dir/plain.bin", (await files.StatAsync(PathOf("dir/plain.bin"), default))!.Version!.Value, SHA256.HashData(content));

        Assert.Equal(TreeOutcome.Done, await files.Capabilities.Tree!.MoveAsync(PathOf("dir"), PathOf("moved"), false, default));

        var moved = (await files.StatAsync(PathOf("moved/plain.bin"), default))!.Version!.Value;
        Assert.True(digests.TryGet("moved/plain.bin", moved, out var sha256));
        Assert.Equal(SHA256.HashData(content), sha256);
        Assert.False(digests.TryGet("dir/plain.bin", moved, out _));
    }

    [Fact]
    public async Task Of_clients_racing_to_create_one_folder_exactly_one_succeeds()
    {
        await using var backend = new S3BackendUnderTest(rgw.Engine);
        var tree = backend.Services.Files.Capabilities.Tree!;
        using var start = new ManualResetEventSlim();

        var racers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await tree.CreateFolderAsync(PathOf("race"), default);
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(racers);

        Assert.Equal(1, outcomes.Count(o => o == TreeOutcome.Done));
        Assert.Equal(7, outcomes.Count(o => o == TreeOutcome.Exists));
    }

    [Fact]
    public async Task A_recursive_delete_removes_more_than_one_batch()
    {
        await using var backend = new S3BackendUnderTest(rgw.Engine);
        const int count = 1_003; // DeleteObjects takes at most 1000 keys
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await backend.WriteFileAsync($"many/{i % 3}/{i}.txt", [(byte)'x']));
        await backend.WriteFileAsync("keep.txt", [(byte)'k']);
        var tree = backend.Services.Files.Capabilities.Tree!;

        Assert.Equal(TreeOutcome.NotEmpty, await tree.DeleteFolderAsync(PathOf("many"), false, default));
        Assert.Equal(TreeOutcome.Done, await tree.DeleteFolderAsync(PathOf("many"), true, default));

        Assert.Equal([backend.Raw.Keys.Prefix + "keep.txt"], await backend.KeysAsync());
    }
}
