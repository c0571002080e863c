using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Baton.Server.Uploads;
using Baton.Server.Uploads.Events;
using Baton.Storage.Files;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Tests.Uploads;

/// <summary>Completion: the file in ROOT, its name, its digest, the events, and restrictions checked at creation.</summary>
public sealed class UploadCompletionTests
{
    private sealed class RecordingDigests : IFileDigests
    {
        public ConcurrentDictionary<string, byte[]> Recorded { get; } = new();
        public void Record(string name, byte[] sha256) => Recorded[name] = sha256;
        public void Store(string name, FileVersion version, byte[] sha256) => Recorded[name] = sha256;
        public bool TryGet(string name, FileVersion version, out byte[] sha256) => Recorded.TryGetValue(name, out sha256!);
        public void Forget(string name) => Recorded.TryRemove(name, out _);
    }

    private sealed class RecordingEvents : IUploadEvents
    {
        public ConcurrentQueue<string> Seen { get; } = new();

        public Task OnCreatedAsync(UploadEvent upload, CancellationToken cancellation)
        {
            Seen.Enqueue("created " + upload.Metadata.GetString("filename"));
            return Task.CompletedTask;
        }

        public Task OnCompletedAsync(UploadEvent upload, CancellationToken cancellation)
        {
            Seen.Enqueue($"completed {Path.GetFileName(upload.FilePath)} {upload.FileUrl}");
            return Task.CompletedTask;
        }

        public Task OnTerminatedAsync(UploadEvent upload, CancellationToken cancellation)
        {
            Seen.Enqueue("terminated " + upload.Id);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingEvents : IUploadEvents
    {
        public Task OnCompletedAsync(UploadEvent upload, CancellationToken cancellation) => throw new InvalidOperationException("handler bug");
    }

    private static async Task<HttpResponseMessage> UploadAsync(BatonTestServer server, string? name, byte[] content)
    {
        var location = await Tus.CreateAsync(server.Client, content.Length, name);
        return await server.Client.SendAsync(Tus.Patch(location, 0, content));
    }

    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../../etc/passwd", "passwd")]
    [InlineData("..\\..\\win.ini", "win.ini")]
    [InlineData(".baton", "baton")]
    [InlineData("..", null)]
    [InlineData(".hidden", "hidden")]
    [InlineData("a\u0000b\r\nc.txt", "abc.txt")]
    [InlineData("dir/sub/ünïcødé 名前.txt", "ünïcødé 名前.txt")]
    [InlineData(null, null)]
    public async Task The_file_lands_in_ROOT_under_the_sanitised_name(string? requested, string? expected)
    {
        await using var server = await BatonTestServer.StartAsync();

        using var response = await UploadAsync(server, requested, "data"u8.ToArray());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var file = Assert.Single(server.StoredFileNames());
        Assert.Equal(expected ?? file, file);
        if (expected is null)
        {
            Assert.StartsWith("upload-", file);
        }
        Assert.Equal("data", server.ReadStoredText(file));
        Assert.Equal("/files/" + Uri.EscapeDataString(file), Tus.Header(response, "Baton-File-Url"));
    }

    [Fact]
    public async Task Name_clashes_keep_both_by_default_and_replace_when_configured()
    {
        await using (var server = await BatonTestServer.StartAsync())
        {
            await UploadAsync(server, "a.txt", "one"u8.ToArray());
            using var second = await UploadAsync(server, "a.txt", "two"u8.ToArray());
            await UploadAsync(server, "a.txt", "three"u8.ToArray());

            Assert.Equal("/files/a%20%281%29.txt", Tus.Header(second, "Baton-File-Url"));
            Assert.Equal("one", server.ReadStoredText("a.txt"));
            Assert.Equal("two", server.ReadStoredText("a (1).txt"));
            Assert.Equal("three", server.ReadStoredText("a (2).txt"));
        }
        await using (var server = await BatonTestServer.StartAsync(o => o.Uploads.NameClash = UploadNameClash.Replace))
        {
            await UploadAsync(server, "a.txt", "one"u8.ToArray());
            await UploadAsync(server, "a.txt", "two"u8.ToArray());

            Assert.Equal("two", server.ReadStoredText("a.txt"));
            Assert.Single(server.StoredFileNames());
        }
    }

    [Fact]
    public async Task The_sha256_computed_while_receiving_is_recorded_for_downloads()
    {
        var digests = new RecordingDigests();
        await using var server = await BatonTestServer.StartAsync(services: s => s.AddSingleton<IFileDigests>(digests));
        var content = new byte[300_000];
        new Random(5).NextBytes(content);
        var location = await Tus.CreateAsync(server.Client, content.Length, "big.bin");
        await server.Client.SendAsync(Tus.Patch(location, 0, content[..100_000]));
        await server.Client.SendAsync(Tus.Patch(location, 100_000, content[100_000..]));

        var (path, sha) = Assert.Single(digests.Recorded);

        Assert.Equal("big.bin", path); // keyed by root-relative name
        Assert.Equal(SHA256.HashData(content), sha);
    }

    [Fact]
    public async Task Events_report_creation_completion_and_termination_and_a_failing_handler_is_harmless()
    {
        var events = new RecordingEvents();
        await using var server = await BatonTestServer.StartAsync(services: s =>
        {
            s.AddSingleton<IUploadEvents>(new ThrowingEvents());
            s.AddSingleton<IUploadEvents>(events);
        });

        using var done = await UploadAsync(server, "e.txt", "x"u8.ToArray());
        var doomed = await Tus.CreateAsync(server.Client, 5, "doomed.txt");
        await server.Client.SendAsync(Tus.Request(HttpMethod.Delete, doomed));

        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.Equal(["created e.txt", "completed e.txt /files/e.txt", "created doomed.txt", "terminated " + doomed.Split('/')[^1]], events.Seen);
    }

    [Theory]
    [InlineData("photo.exe", "image/png", "urn:baton:problem:upload-extension-not-allowed")]
    [InlineData("noext", "image/png", "urn:baton:problem:upload-extension-not-allowed")]
    [InlineData("photo.PNG", "text/html", "urn:baton:problem:upload-type-not-allowed")]
    [InlineData("photo.png", null, "urn:baton:problem:upload-type-not-allowed")]
    [InlineData("photo.JPG", "image/jpeg", null)]
    public async Task Restrictions_are_checked_at_creation(string name, string? type, string? problem)
    {
        await using var server = await BatonTestServer.StartAsync(o =>
        {
            o.Uploads.AllowedExtensions = [".png", "jpg"];
            o.Uploads.AllowedMediaTypes = ["image/*"];
        });
        var metadata = "filename " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name))
            + (type is null ? "" : ",filetype " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(type)));

        using var response = await server.Client.SendAsync(Tus.Create(5, null, ("Upload-Metadata", metadata)));

        if (problem is null)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        else
        {
            await Tus.AssertProblemAsync(response, 415, problem);
        }
    }

    [Fact]
    public async Task The_uploaded_file_downloads_byte_identical_with_the_recorded_Repr_Digest()
    {
        await using var server = await BatonTestServer.StartAsync();
        var content = new byte[200_000];
        new Random(11).NextBytes(content);
        using var done = await UploadAsync(server, "dl.bin", content);

        using var download = await server.Client.GetAsync(Tus.Header(done, "Baton-File-Url")!.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(content))}:", Tus.Header(download, "Repr-Digest"));
    }

    [Fact]
    public async Task Urls_follow_the_configured_path_base()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.PathBase = "/baton");
        using var created = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "baton/uploads")
        {
            Headers = { { "Tus-Resumable", "1.0.0" }, { "Upload-Length", "2" }, { "Upload-Metadata", "filename Yi50eHQ=" } },
        });
        var location = created.Headers.Location!.OriginalString;

        using var done = await server.Client.SendAsync(Tus.Patch(location.TrimStart('/'), 0, "hi"u8.ToArray()));

        Assert.StartsWith("/baton/uploads/", location);
        Assert.Equal("/baton/files/b.txt", Tus.Header(done, "Baton-File-Url"));
    }
}
