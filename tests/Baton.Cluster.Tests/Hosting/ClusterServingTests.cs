using System.Net;
using Amazon.S3.Model;
using Baton.Cluster.Tests.Postgres;
using Baton.Server.Tests.Uploads;
using Baton.Server.Uploads.Expiry;
using Baton.Storage.S3;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cluster.Tests.Hosting;

/// <summary>
/// Two in-process Baton servers on one RGW bucket prefix and one PostgreSQL schema — two instances of one cluster, each with a
/// local root of its own. Requests for one upload alternate between them: every request must see what the other did.
/// </summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class ClusterServingTests(RgwFixture rgw)
{
    private const int MiB = 1024 * 1024;

    private async Task<ClusterSetup> NewClusterAsync()
    {
        var storage = rgw.Engine.Options();
        storage.PartSize = 5 * MiB;
        return new ClusterSetup(storage, await TestDatabase.CreateIsolatedConnectionStringAsync("baton-cluster-tests"));
    }

    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task An_upload_created_on_A_appended_on_B_and_completed_on_A_is_complete_on_B_and_placed_once()
    {
        var setup = await NewClusterAsync();
        await using var a = await ClusterInstance.StartAsync(setup);
        await using var b = await ClusterInstance.StartAsync(setup);
        var content = Content(7 * MiB + 123, seed: 1);

        var location = await Tus.CreateAsync(a.Client, content.Length, "shared.bin");
        using (var first = await b.Client.SendAsync(Tus.Patch(location, 0, content[..(3 * MiB)])))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
            Assert.Equal((3 * MiB).ToString(), Tus.Header(first, "Upload-Offset"));
        }
        using (var stale = await a.Client.SendAsync(Tus.Patch(location, 0, content[..10])))
        {
            // A never saw the first PATCH itself: it must know the offset from the shared record, not from memory.
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Equal((3 * MiB).ToString(), Tus.Header(stale, "Upload-Offset"));
        }
        string? fileUrl;
        using (var last = await a.Client.SendAsync(Tus.Patch(location, 3 * MiB, content[(3 * MiB)..])))
        {
            Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
            fileUrl = Tus.Header(last, "Baton-File-Url");
        }

        using var head = await b.Client.SendAsync(Tus.Head(location));
        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        Assert.Equal(content.Length.ToString(), Tus.Header(head, "Upload-Offset"));
        Assert.NotNull(fileUrl);
        Assert.Equal(fileUrl, Tus.Header(head, "Baton-File-Url"));
        Assert.Equal(content, await b.Client.GetByteArrayAsync(fileUrl));
        using var headOnA = await a.Client.SendAsync(Tus.Head(location));
        Assert.Equal(fileUrl, Tus.Header(headOnA, "Baton-File-Url"));
        Assert.Equal(["shared.bin"], await ServedFilesAsync(setup));
    }

    [Fact]
    public async Task Heads_on_B_while_A_completes_never_report_complete_without_the_one_file_it_became()
    {
        var setup = await NewClusterAsync();
        await using var a = await ClusterInstance.StartAsync(setup);
        await using var b = await ClusterInstance.StartAsync(setup);
        var content = Content(6 * MiB + 1, seed: 3);
        var location = await Tus.CreateAsync(a.Client, content.Length, "heads.bin");
        using (var first = await a.Client.SendAsync(Tus.Patch(location, 0, content[..MiB])))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watchers = Enumerable.Range(0, 4).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = b.BaseAddress };
            await go.Task;
            var seen = new List<(string? Offset, string? File)>();
            for (var i = 0; i < 15; i++)
            {
                using var head = await client.SendAsync(Tus.Head(location));
                Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
                seen.Add((Tus.Header(head, "Upload-Offset"), Tus.Header(head, "Baton-File-Url")));
            }
            return seen;
        }).ToArray();

        var last = a.Client.SendAsync(Tus.Patch(location, MiB, content[MiB..]));
        go.SetResult();
        var observed = (await Task.WhenAll(watchers)).SelectMany(s => s).ToList();
        using var completed = await last;

        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Equal("/files/heads.bin", Tus.Header(completed, "Baton-File-Url"));
        Assert.All(observed, o => Assert.True(
            // While A appends, B may see any durable checkpoint A recorded (a whole S3 part at 5 MiB); what it must never see is
            // "complete" without the file.
            (long.Parse(o.Offset!) is >= MiB and var offset && offset < content.Length && o.File is null)
            || (o.Offset == content.Length.ToString() && o.File == "/files/heads.bin"),
            $"HEAD on B said offset {o.Offset}, file {o.File ?? "(none)"}"));
        Assert.Equal(["heads.bin"], await ServedFilesAsync(setup));
        Assert.Equal(content, await b.Client.GetByteArrayAsync("files/heads.bin"));
    }

    [Fact]
    public async Task Ten_racers_patching_one_offset_through_both_instances_have_exactly_one_winner_and_exact_bytes()
    {
        var setup = await NewClusterAsync();
        await using var a = await ClusterInstance.StartAsync(setup);
        await using var b = await ClusterInstance.StartAsync(setup);
        const int size = 256 * 1024;
        var bodies = Enumerable.Range(0, 10).Select(i => Content(size, seed: 100 + i)).ToArray();
        var location = await Tus.CreateAsync(a.Client, size, "race.bin");
        using var start = new SemaphoreSlim(0);
        var racers = bodies.Select(async (body, i) =>
        {
            using var client = new HttpClient { BaseAddress = (i % 2 == 0 ? a : b).BaseAddress };
            await start.WaitAsync();
            using var response = await client.SendAsync(Tus.Patch(location, 0, body));
            return (int)response.StatusCode;
        }).ToArray();

        start.Release(10);
        var statuses = await Task.WhenAll(racers);

        Assert.Equal(1, statuses.Count(s => s == 204));
        Assert.Equal(9, statuses.Count(s => s == 409));
        var stored = await a.Client.GetByteArrayAsync("files/race.bin");
        Assert.Contains(bodies, body => body.AsSpan().SequenceEqual(stored));
        Assert.Equal(["race.bin"], await ServedFilesAsync(setup));
    }

    [Fact]
    public async Task Expiry_swept_by_both_instances_at_once_removes_each_abandoned_upload_exactly_once()
    {
        var setup = await NewClusterAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var a = await ClusterInstance.StartAsync(setup, o => o.Uploads.Expiration = TimeSpan.FromHours(1),
            s => s.AddSingleton<TimeProvider>(clock));
        await using var b = await ClusterInstance.StartAsync(setup, o => o.Uploads.Expiration = TimeSpan.FromHours(1),
            s => s.AddSingleton<TimeProvider>(clock));
        var abandoned = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var location = await Tus.CreateAsync((i % 2 == 0 ? a : b).Client, 10 * MiB);
            using var patched = await (i % 2 == 0 ? b : a).Client.SendAsync(Tus.Patch(location, 0, Content(1000 + i, seed: i)));
            Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
            abandoned.Add(location);
        }

        clock.Advance(TimeSpan.FromMinutes(61));
        var removed = await Task.WhenAll(
            a.Services.GetRequiredService<UploadExpiryService>().SweepAsync(default),
            b.Services.GetRequiredService<UploadExpiryService>().SweepAsync(default));

        Assert.Equal(abandoned.Count, removed.Sum());
        foreach (var location in abandoned)
        {
            using var onA = await a.Client.SendAsync(Tus.Head(location));
            using var onB = await b.Client.SendAsync(Tus.Head(location));
            Assert.Equal(HttpStatusCode.Gone, onA.StatusCode);
            Assert.Equal(HttpStatusCode.Gone, onB.StatusCode);
        }
        Assert.Empty(await UploadObjectsAsync(setup));
        Assert.Equal(0, (await Task.WhenAll(
            a.Services.GetRequiredService<UploadExpiryService>().SweepAsync(default),
            b.Services.GetRequiredService<UploadExpiryService>().SweepAsync(default))).Sum());
    }

    [Fact]
    public async Task A_patch_on_B_makes_a_stalled_patch_on_A_let_go_at_its_durable_offset_and_continues_from_there()
    {
        var setup = await NewClusterAsync();
        await using var a = await ClusterInstance.StartAsync(setup);
        await using var b = await ClusterInstance.StartAsync(setup);
        var part = setup.Storage.PartSize;
        var content = Content(2 * part + 99, seed: 7);
        var location = await Tus.CreateAsync(a.Client, content.Length, "takeover.bin");
        var hang = new TaskCompletionSource();
        var stalled = new StalledContent(content[..part], content.Length, hang.Task);
        var held = Tus.Patch(location, 0, []);
        held.Content = stalled;
        held.Content.Headers.ContentType = new(Tus.OctetStream);
        using var holderClient = new HttpClient { BaseAddress = a.BaseAddress };
        var holder = holderClient.SendAsync(held);
        // A commits each whole part as it goes: once B reports it, A holds the lock mid-request with that offset durable.
        await WaitForOffsetAsync(b, location, part);

        // B waits Baton:Storage:Locks:Wait, asks A to let go (NOTIFY), and A's append stops reading, commits what it holds and
        // releases within TakeoverWait: B continues at A's durable offset instead of answering 423 Locked.
        using var newcomer = await b.Client.SendAsync(Tus.Patch(location, part, content[part..]));
        hang.SetResult();

        Assert.Equal(HttpStatusCode.NoContent, newcomer.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(async () => (await holder).EnsureSuccessStatusCode());
        Assert.Equal(content, await a.Client.GetByteArrayAsync("files/takeover.bin"));
    }

    private static async Task WaitForOffsetAsync(BatonTestServer server, string location, long offset)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var head = await server.Client.SendAsync(Tus.Head(location), timeout.Token);
            if (Tus.Header(head, "Upload-Offset") == offset.ToString())
            {
                return;
            }
        }
    }

    /// <summary>The files the cluster serves (objects outside Baton's state), as S3 lists them.</summary>
    private static async Task<List<string>> ServedFilesAsync(ClusterSetup setup)
    {
        using var s3 = new S3Connection(setup.Storage);
        var listed = await s3.CallAsync("list", c => c.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = s3.Bucket,
            Prefix = s3.Keys.Prefix,
        }), default);
        return (listed.S3Objects ?? []).Select(o => o.Key[s3.Keys.Prefix.Length..]).Where(k => !k.StartsWith(".baton/", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Everything the upload store keeps in the bucket (data, parts, tails; records are in PostgreSQL).</summary>
    private static async Task<List<string>> UploadObjectsAsync(ClusterSetup setup)
    {
        using var s3 = new S3Connection(setup.Storage);
        var listed = await s3.CallAsync("list", c => c.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = s3.Bucket,
            Prefix = s3.Keys.Uploads,
        }), default);
        return (listed.S3Objects ?? []).Select(o => o.Key).ToList();
    }
}
