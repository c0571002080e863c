using System.Net;
using System.Net.Http.Headers;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads;

/// <summary>Issue 11 item 13: a creation retried after its response was lost leaves one file, not <c>name (1).bin</c>.</summary>
public sealed class RetriedCreationTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>tus creation-with-upload: the whole file in the POST (what `baton put` does for small files).</summary>
    private async Task<string?> CreateWithUploadAsync(string name, byte[] content)
    {
        using var request = Tus.Create(content.Length, name);
        request.Content = new ByteArrayContent(content);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Tus.OctetStream);
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Tus.Header(response, "Baton-File-Url");
    }

    [Fact]
    public async Task The_same_content_sent_again_under_the_same_name_resolves_to_the_one_file()
    {
        var content = new byte[70_000];
        new Random(13).NextBytes(content);

        var first = await CreateWithUploadAsync("report.bin", content);
        var retried = await CreateWithUploadAsync("report.bin", content);

        Assert.Equal("/files/report.bin", first);
        Assert.Equal("/files/report.bin", retried);
        Assert.False(_server.StoredFileExists("report (1).bin"));
        Assert.Equal(content, _server.ReadStoredFile("report.bin"));
    }

    [Fact]
    public async Task Other_content_under_the_same_name_still_keeps_both()
    {
        var content = new byte[70_000];
        new Random(13).NextBytes(content);
        var other = (byte[])content.Clone();
        other[^1] ^= 0xFF; // same length, one byte different

        await CreateWithUploadAsync("data.bin", content);
        var second = await CreateWithUploadAsync("data.bin", other);

        Assert.Equal("/files/data%20%281%29.bin", second);
        Assert.Equal(content, _server.ReadStoredFile("data.bin"));
        Assert.Equal(other, _server.ReadStoredFile("data (1).bin"));
    }
}
