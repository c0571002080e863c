using System.Net;
using Baton.Storage.Locking;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Tests.Uploads;

public sealed class UploadConcurrencyTests
{
    [Fact]
    public async Task Ten_simultaneous_patches_at_one_offset_have_one_winner_and_the_file_is_correct()
    {
        await using var server = await BatonTestServer.StartAsync();
        const int size = 256 * 1024;
        var bodies = Enumerable.Range(0, 10).Select(i =>
        {
            var b = new byte[size];
            new Random(i).NextBytes(b);
            return b;
        }).ToArray();
        var location = await Tus.CreateAsync(server.Client, size, "race.bin");
        using var start = new SemaphoreSlim(0);
        var tasks = bodies.Select(async body =>
        {
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            await start.WaitAsync();
            using var response = await client.SendAsync(Tus.Patch(location, 0, body));
            return (int)response.StatusCode;
        }).ToArray();

        start.Release(10);
        var statuses = await Task.WhenAll(tasks);

        Assert.Equal(1, statuses.Count(s => s == 204));
        Assert.Equal(9, statuses.Count(s => s == 409));
        var written = server.ReadStoredFile("race.bin");
        Assert.Contains(bodies, b => b.AsSpan().SequenceEqual(written));
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)] // waits on the staged file; on S3 the takeover is covered by ProtocolSwitchTests (commits at whole parts)
    public async Task A_stalled_patch_is_stopped_by_the_next_one_and_keeps_what_arrived()
    {
        await using var server = await BatonTestServer.StartAsync(services: s => s.Configure<UploadLockOptions>(o => o.Wait = TimeSpan.FromMilliseconds(200)));
        var location = await Tus.CreateAsync(server.Client, 1000, "stall.bin");
        var gate = new TaskCompletionSource();
        var stalled = new StalledContent(new byte[100], gate.Task);
        var first = Tus.Patch(location, 0, []);
        first.Content = stalled;
        first.Content.Headers.ContentType = new(Tus.OctetStream);
        first.Content.Headers.ContentLength = 1000;
        using var firstClient = new HttpClient { BaseAddress = server.BaseAddress };
        var firstTask = firstClient.SendAsync(first);
        await stalled.Sent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Wait until the server has those 100 bytes in hand (HEAD reports only committed bytes, so poll the staged file).
        var staged = server.StagedUploads(".data").Single();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(staged).Length < 100 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        using var second = await server.Client.SendAsync(Tus.Patch(location, 0, new byte[1000]));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("100", Tus.Header(second, "Upload-Offset"));
        gate.SetResult();
        await Assert.ThrowsAnyAsync<Exception>(async () => (await firstTask).EnsureSuccessStatusCode());
        using var resumed = await server.Client.SendAsync(Tus.Patch(location, 100, new byte[900]));
        Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
    }

    [Fact]
    public async Task A_sender_below_the_minimum_rate_is_cut_off_keeping_what_arrived_and_the_upload_stays_usable()
    {
        await using var server = await BatonTestServer.StartAsync(o =>
        {
            o.Uploads.MinBytesPerSecond = 100_000;
            o.Uploads.MinDataRateGracePeriod = TimeSpan.FromSeconds(2);
        });
        var location = await Tus.CreateAsync(server.Client, 1000, "slow.bin");
        var never = new TaskCompletionSource();
        var slow = Tus.Patch(location, 0, []);
        slow.Content = new StalledContent(new byte[100], never.Task);
        slow.Content.Headers.ContentType = new(Tus.OctetStream);
        slow.Content.Headers.ContentLength = 1000;
        using var slowClient = new HttpClient { BaseAddress = server.BaseAddress };
        var slowTask = slowClient.SendAsync(slow);

        // Kestrel enforces the rate on its heartbeat: poll until the server has given up on the sender and committed.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? offset = null;
        while (DateTime.UtcNow < deadline && offset != "100")
        {
            using var head = await server.Client.SendAsync(Tus.Head(location));
            offset = Tus.Header(head, "Upload-Offset");
        }

        Assert.Equal("100", offset);
        using var resumed = await server.Client.SendAsync(Tus.Patch(location, 100, new byte[900]));
        Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode); // the lock was not leaked
        never.SetResult();
        await Assert.ThrowsAnyAsync<Exception>(async () => (await slowTask).EnsureSuccessStatusCode());
    }

    [Fact]
    public async Task A_single_patch_larger_than_Kestrels_default_body_limit_is_accepted()
    {
        await using var server = await BatonTestServer.StartAsync();
        const int size = 32 * 1024 * 1024; // Kestrel's default MaxRequestBodySize is 30,000,000 bytes
        var location = await Tus.CreateAsync(server.Client, size, "large.bin");

        using var response = await server.Client.SendAsync(Tus.Patch(location, 0, new byte[size]));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(size, server.ReadStoredFile("large.bin")!.Length);
    }

    /// <summary>Sends a prefix, then hangs like a client whose network vanished.</summary>
    private sealed class StalledContent(byte[] prefix, Task hang) : HttpContent
    {
        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(prefix);
            await stream.FlushAsync();
            Sent.TrySetResult();
            await hang;
            throw new IOException("client gave up");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
