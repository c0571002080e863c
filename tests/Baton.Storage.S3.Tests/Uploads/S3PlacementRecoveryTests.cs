using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Baton.Storage.Conformance;
using Baton.Storage.S3.Tests.Conformance;
using static Baton.Storage.Conformance.ConformanceData;

namespace Baton.Storage.S3.Tests.Uploads;

/// <summary>
/// A crash in the middle of placing on S3 (issue 11 item 11 on the S3 backend): the record names the placement it is about to
/// make before the server-side copy, so a restart finishes a copy that happened — recognised by the upload id in the object's
/// metadata, never copied twice as "name (1)" — and forgets one that did not, leaving the upload for the start to place.
/// The crash is reproduced by putting back the record as it was at that moment.
/// </summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class S3PlacementRecoveryTests(RgwFixture rgw) : IAsyncLifetime
{
    private S3BackendUnderTest _backend = null!;

    private StoreCapabilities Store => StoreCapabilities.Discover(_backend.Services.Uploads);

    public Task InitializeAsync()
    {
        _backend = new S3BackendUnderTest(rgw.Engine);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task A_crash_after_the_copy_is_finished_by_the_next_load_without_a_second_copy()
    {
        var content = Bytes(4000, seed: 21);
        var id = await CompleteAsync(content);
        var placed = await Store.Placement!.PlaceAsync(id, ["done.bin", "done (1).bin"], replace: false, default);
        Assert.Equal("done.bin", placed!.PlacedPath);
        await RewriteRecordAsync(id, info =>
        {
            info.Remove("PlacedPath");
            info["PlacingPath"] = "done.bin";
            info.Remove("Unsettled");
        }, dropPlacedKey: true);

        var restarted = StoreCapabilities.Discover((await _backend.RestartAsync()).Uploads);
        var info = (await restarted.Core.FindAsync(id, default)).Info!;

        Assert.Equal("done.bin", info.PlacedPath);
        Assert.Null(info.PlacingPath);
        Assert.True(info.Unsettled); // owner, digest record and event still to run: the start does them
        var again = await restarted.Placement!.PlaceAsync(id, ["done.bin", "done (1).bin"], replace: false, default);
        Assert.Equal("done.bin", again!.PlacedPath);
        var files = (await _backend.KeysAsync()).Where(k => !k.Contains("/.baton/", StringComparison.Ordinal)).ToList();
        Assert.Single(files, k => k.EndsWith("done.bin", StringComparison.Ordinal));
        Assert.DoesNotContain(files, k => k.EndsWith("done (1).bin", StringComparison.Ordinal));
        Assert.Equal(content, await FileContents.ReadAllAsync(_backend.Services.Files, "done.bin"));
    }

    [Fact]
    public async Task A_crash_before_the_copy_leaves_a_complete_upload_the_start_places()
    {
        var content = Bytes(4000, seed: 22);
        var id = await CompleteAsync(content);
        await RewriteRecordAsync(id, info => info["PlacingPath"] = "never.bin", dropPlacedKey: false);

        var restarted = StoreCapabilities.Discover((await _backend.RestartAsync()).Uploads);
        var info = (await restarted.Core.FindAsync(id, default)).Info!;

        Assert.Null(info.PlacingPath);
        Assert.Null(info.PlacedPath);
        var unfinished = new List<string>();
        await foreach (var upload in restarted.Recovery!.UnfinishedAsync(default))
        {
            unfinished.Add(upload.Id);
        }
        Assert.Equal([id], unfinished);
        var placed = await restarted.Placement!.PlaceAsync(id, ["never.bin"], replace: false, default);
        Assert.Equal(content, await FileContents.ReadAllAsync(_backend.Services.Files, placed!.PlacedPath!));
    }

    private async Task<string> CompleteAsync(byte[] content)
    {
        var info = await Store.Core.CreateAsync(new NewUpload(content.Length), default);
        var appended = await Store.Core.AppendAsync(info.Id, Append(0, content), default);
        Assert.True(appended.Info!.IsComplete);
        return info.Id;
    }

    /// <summary>Puts the upload's record back in the state a crash would have left, as the object S3 holds.</summary>
    private async Task RewriteRecordAsync(string id, Action<JsonObject> change, bool dropPlacedKey)
    {
        var s3 = _backend.Raw;
        var key = s3.Keys.Record(id);
        using var response = await s3.CallAsync("read", c => c.GetObjectAsync(s3.Bucket, key), default);
        var record = JsonNode.Parse(response.ResponseStream)!.AsObject();
        change(record["Info"]!.AsObject());
        if (dropPlacedKey)
        {
            record.Remove("PlacedKey");
        }
        await s3.CallAsync("write", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = s3.Bucket,
            Key = key,
            ContentBody = record.ToJsonString(),
        }), default);
    }
}
