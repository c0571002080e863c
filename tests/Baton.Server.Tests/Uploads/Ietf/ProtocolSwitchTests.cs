using Baton.Storage.S3.Hosting;
using System.Net.Sockets;
using System.Net;
using System.Text;
using Baton.Server.Tests.Auth;
using Baton.Storage.Hosting;
using Baton.Storage.Locking;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Tests.Uploads.Ietf;

/// <summary>
/// One upload, two protocols: an upload started with tus continues over IETF Resumable Uploads (interop 9) on the same
/// <c>/uploads/{id}</c> and finishes with tus again, and the reverse — the same offset, the same lock (a stalled append in one
/// protocol is taken over by the other), the same owner check, and the same bytes in the file.
/// </summary>
public sealed class ProtocolSwitchTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;

    // How often a long append commits: the disk store's checkpoint; on S3 one whole part (the smallest S3 allows).
    private static readonly int Checkpoint = TestStorage.IsDisk ? 64 * 1024 : 5 * 1024 * 1024;
    private static readonly int Total = 4 * Checkpoint;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync(services: s =>
    {
        s.Configure<UploadLockOptions>(o => o.Wait = TimeSpan.FromMilliseconds(200));
        // a stalled append commits what it holds as it goes: HEAD shows it
        s.Configure<DiskStorageOptions>(o => o.CheckpointBytes = Checkpoint);
        s.Configure<S3StorageOptions>(o => o.PartSize = Checkpoint);
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    [Fact]
    public async Task Started_with_tus_continued_over_rufh_and_finished_with_tus_is_byte_exact()
    {
        var content = Rufh.Random(3 * 65_536 + 17, seed: 11);
        var location = await Tus.CreateAsync(Client, content.Length, "tus-rufh-tus.bin");

        using var first = await Client.SendAsync(Tus.Patch(location, 0, content[..65_536]));
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);

        using var rufhHead = await Client.SendAsync(Rufh.Request(9, HttpMethod.Head, location));
        Assert.Equal(HttpStatusCode.NoContent, rufhHead.StatusCode);
        Assert.Equal("65536", Rufh.Header(rufhHead, "Upload-Offset"));
        Assert.Equal(content.Length.ToString(), Rufh.Header(rufhHead, "Upload-Length"));
        Assert.Equal("?0", Rufh.Header(rufhHead, "Upload-Complete"));

        using var middle = await Client.SendAsync(Rufh.Patch(9, location, 65_536, false, content[65_536..131_072]));
        Assert.Equal(HttpStatusCode.NoContent, middle.StatusCode);
        Assert.Equal("131072", Rufh.Header(middle, "Upload-Offset"));

        using var tusHead = await Client.SendAsync(Tus.Head(location));
        Assert.Equal("131072", Rufh.Header(tusHead, "Upload-Offset"));
        using var last = await Client.SendAsync(Tus.Patch(location, 131_072, content[131_072..]));
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.Equal("/files/tus-rufh-tus.bin", Rufh.Header(last, "Baton-File-Url"));

        Assert.Equal(content, _server.ReadStoredFile("tus-rufh-tus.bin"));
        using var done = await Client.SendAsync(Rufh.Request(9, HttpMethod.Head, location));
        Assert.Equal("?1", Rufh.Header(done, "Upload-Complete"));
    }

    [Fact]
    public async Task Started_with_rufh_continued_with_tus_and_finished_over_rufh_is_byte_exact()
    {
        var content = Rufh.Random(3 * 65_536 + 5, seed: 12);
        // No length yet: tus sees a deferred length and declares it; RUFH completes with Upload-Complete: ?1.
        var location = await Rufh.CreateAsync(Client, 9, content[..65_536], "rufh-tus-rufh.bin");

        using var tusHead = await Client.SendAsync(Tus.Head(location));
        Assert.Equal("65536", Rufh.Header(tusHead, "Upload-Offset"));
        Assert.Equal("1", Rufh.Header(tusHead, "Upload-Defer-Length"));
        using var middle = await Client.SendAsync(Tus.Patch(location, 65_536, content[65_536..131_072],
            ("Upload-Length", content.Length.ToString())));
        Assert.Equal(HttpStatusCode.NoContent, middle.StatusCode);

        using var rufhHead = await Client.SendAsync(Rufh.Request(9, HttpMethod.Head, location));
        Assert.Equal("131072", Rufh.Header(rufhHead, "Upload-Offset"));
        Assert.Equal(content.Length.ToString(), Rufh.Header(rufhHead, "Upload-Length"));
        using var last = await Client.SendAsync(Rufh.Patch(9, location, 131_072, true, content[131_072..]));
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal("?1", Rufh.Header(last, "Upload-Complete"));

        Assert.Equal(content, _server.ReadStoredFile("rufh-tus-rufh.bin"));
    }

    [Fact]
    public async Task A_stalled_rufh_append_holds_the_lock_a_tus_append_takes_it_over_and_continues()
    {
        var content = Rufh.Random(Total, seed: 13);
        var location = await Tus.CreateAsync(Client, Total, "lock1.bin");
        var head = $"PATCH {location} HTTP/1.1\r\nHost: x\r\nUpload-Draft-Interop-Version: 9\r\nUpload-Complete: ?1\r\nUpload-Offset: 0\r\n"
            + $"Content-Type: application/partial-upload\r\nContent-Length: {Total}\r\n\r\n";
        using var stalled = await StallAsync(location, head, content[..Checkpoint]);

        // The tus append at the committed offset finds the upload locked by the IETF append, asks it to stop, and goes on.
        using var tus = await Client.SendAsync(Tus.Patch(location, Checkpoint, content[Checkpoint..]));

        Assert.Equal(HttpStatusCode.NoContent, tus.StatusCode);
        await AssertEndedAsync(stalled);
        Assert.Equal(content, _server.ReadStoredFile("lock1.bin"));
    }

    [Fact]
    public async Task A_stalled_tus_append_holds_the_lock_a_rufh_append_takes_it_over_and_completes()
    {
        var content = Rufh.Random(Total, seed: 14);
        var location = await Rufh.CreateAsync(Client, 8, [], "lock2.bin", length: Total);
        var head = $"PATCH {location} HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
            + $"Content-Type: application/offset+octet-stream\r\nContent-Length: {Total}\r\n\r\n";
        using var stalled = await StallAsync(location, head, content[..Checkpoint]);

        using var rufh = await Client.SendAsync(Rufh.Patch(8, location, Checkpoint, true, content[Checkpoint..]));

        Assert.Equal(HttpStatusCode.OK, rufh.StatusCode);
        Assert.Equal("?1", Rufh.Header(rufh, "Upload-Complete"));
        await AssertEndedAsync(stalled);
        Assert.Equal(content, _server.ReadStoredFile("lock2.bin"));
    }

    [Fact]
    public async Task An_append_at_a_stale_offset_in_the_other_protocol_is_409_with_the_offset_the_stalled_append_committed()
    {
        var content = Rufh.Random(Total, seed: 15);
        var location = await Tus.CreateAsync(Client, Total, "stale.bin");
        var head = $"PATCH {location} HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
            + $"Content-Type: application/offset+octet-stream\r\nContent-Length: {Total}\r\n\r\n";
        using var stalled = await StallAsync(location, head, content[..Checkpoint]);

        using var rufh = await Client.SendAsync(Rufh.Patch(9, location, 0, false, content));

        var problem = await Rufh.AssertProblemAsync(rufh, 409, Rufh.Iana + "mismatching-upload-offset");
        Assert.Equal(Checkpoint, problem.GetProperty("expected-offset").GetInt32());
        Assert.Equal(0, problem.GetProperty("provided-offset").GetInt32());
        Assert.Equal("?0", Rufh.Header(rufh, "Upload-Complete"));
    }

    /// <summary>Sends a request head and the start of its content on a raw socket, then stalls; returns once the server has
    /// committed all of it (a checkpoint: HEAD shows that offset) while the request still holds the upload.</summary>
    private async Task<TcpClient> StallAsync(string location, string head, byte[] prefix)
    {
        var socket = new TcpClient();
        await socket.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(prefix);
        await stream.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            using var state = await Client.SendAsync(Tus.Head(location), timeout.Token);
            if (Rufh.Header(state, "Upload-Offset") == prefix.Length.ToString())
            {
                return socket;
            }
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>The stalled request was stopped by the server: its connection is answered or closed.</summary>
    private static async Task AssertEndedAsync(TcpClient stalled)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            var buffer = new byte[4096];
            while (await stalled.GetStream().ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Reset by the server: ended too.
        }
    }

    [Fact]
    public async Task The_owner_check_holds_across_protocols()
    {
        var auth = new AuthTestServer();
        await auth.InitializeAsync();
        try
        {
            var create = Tus.Create(10, "owned.bin");
            create.Headers.Authorization = new("Bearer", AuthTestServer.UploaderToken);
            using var created = await auth.Server.Client.SendAsync(create);
            var location = created.Headers.Location!.OriginalString;

            var foreignHead = Rufh.Request(9, HttpMethod.Head, location);
            foreignHead.Headers.Authorization = new("Bearer", AuthTestServer.OtherUploaderToken);
            var foreignPatch = Rufh.Patch(9, location, 0, true, new byte[10]);
            foreignPatch.Headers.Authorization = new("Bearer", AuthTestServer.OtherUploaderToken);
            var ownHead = Rufh.Request(9, HttpMethod.Head, location);
            ownHead.Headers.Authorization = new("Bearer", AuthTestServer.UploaderToken);
            using var foreignHeadResponse = await auth.Server.Client.SendAsync(foreignHead);
            using var foreignPatchResponse = await auth.Server.Client.SendAsync(foreignPatch);
            using var ownHeadResponse = await auth.Server.Client.SendAsync(ownHead);

            Assert.Equal(HttpStatusCode.NotFound, foreignHeadResponse.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, foreignPatchResponse.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, ownHeadResponse.StatusCode);
            Assert.Equal("0", Rufh.Header(ownHeadResponse, "Upload-Offset"));
        }
        finally
        {
            await auth.DisposeAsync();
        }
    }
}
