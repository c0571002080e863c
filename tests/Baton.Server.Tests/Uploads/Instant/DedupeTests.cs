using System.Net;
using System.Net.Http.Headers;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads.Instant;

/// <summary>
/// Issue 15 item 5: content uploaded twice is stored once — on disk the second name is a hard link of the first (one inode), on S3
/// a server-side copy — silently (the responses are those of any upload), and deleting or replacing one name never harms another.
/// </summary>
public sealed class DedupeTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;
    private readonly byte[] _content = Instant.Content(300_000, 31);

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync(o => o.Uploads.NameClash = Baton.Server.Uploads.UploadNameClash.Replace);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task UploadAsync(string name, byte[] content)
    {
        using var request = Tus.Create(content.Length, name);
        request.Content = new ByteArrayContent(content);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Tus.OctetStream);
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/files/" + Uri.EscapeDataString(name), Tus.Header(response, "Baton-File-Url"));
    }

    private async Task<byte[]> DownloadAsync(string name)
    {
        using var response = await _server.Client.GetAsync("files/" + name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>(inode, link count) of a file below the root, from stat(1).</summary>
    private async Task<(string Inode, int Links)> InodeAsync(string name)
    {
        var run = await RunningProcess.RunAsync("stat", ["-c", "%i %h", _server.Root.Combine(name)]);
        var parts = run.Output.Trim().Split(' ');
        return (parts[0], int.Parse(parts[1]));
    }

    [Fact]
    public async Task A_second_upload_of_the_same_content_is_placed_byte_identical_and_survives_deleting_the_first()
    {
        await UploadAsync("first.bin", _content);
        await UploadAsync("second.bin", _content);

        Assert.Equal(_content, await DownloadAsync("second.bin"));
        using (var delete = await _server.Client.DeleteAsync("files/first.bin"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        Assert.False(_server.StoredFileExists("first.bin"));
        Assert.Equal(_content, await DownloadAsync("second.bin"));
        // And the remaining name is still found as the content: an instant upload copies it.
        using var instant = await _server.Client.SendAsync(Instant.Tus(_content.Length, "third.bin", Instant.Sha256Field(_content)));
        Assert.Equal("/files/third.bin", Tus.Header(instant, "Baton-File-Url"));
        Assert.Equal(_content, _server.ReadStoredFile("third.bin"));
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)]
    public async Task On_disk_the_names_share_one_inode_and_replacing_one_leaves_the_other()
    {
        await UploadAsync("a.bin", _content);
        await UploadAsync("b.bin", _content);
        using (var instant = await _server.Client.SendAsync(Instant.Tus(_content.Length, "c.bin", Instant.Sha256Field(_content))))
        {
            Assert.Equal("/files/c.bin", Tus.Header(instant, "Baton-File-Url"));
        }

        var a = await InodeAsync("a.bin");
        Assert.Equal(a.Inode, (await InodeAsync("b.bin")).Inode);
        Assert.Equal(a.Inode, (await InodeAsync("c.bin")).Inode);
        Assert.Equal(3, a.Links);

        // A new upload replacing a.bin (NameClash=Replace) renames a new inode over that name only.
        var other = Instant.Content(_content.Length, 32);
        await UploadAsync("a.bin", other);
        Assert.Equal(other, await DownloadAsync("a.bin"));
        Assert.Equal(_content, await DownloadAsync("b.bin"));
        Assert.Equal(_content, await DownloadAsync("c.bin"));
        Assert.NotEqual(a.Inode, (await InodeAsync("a.bin")).Inode);
        Assert.Equal(2, (await InodeAsync("b.bin")).Links);
        // The upload staging folder keeps no extra name of the content.
        Assert.Empty(_server.StagedUploads(".data"));
    }
}
