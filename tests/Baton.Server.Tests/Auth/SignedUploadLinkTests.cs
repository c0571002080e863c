using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Baton.Server.Tests.Auth;

/// <summary>A signed upload link lets a caller without a token create and finish one upload of at most N bytes.</summary>
public sealed class SignedUploadLinkTests : IAsyncLifetime
{
    private readonly AuthTestServer _auth = new();

    public Task InitializeAsync() => _auth.InitializeAsync();

    public Task DisposeAsync() => _auth.DisposeAsync();

    private async Task<string> UploadLinkAsync(long maxBytes)
    {
        using var request = _auth.Request(HttpMethod.Post, "api/links", AuthTestServer.UploaderToken);
        request.Content = JsonContent.Create(new { upload = true, maxBytes, expiresInSeconds = 600 });
        using var response = await _auth.Server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
    }

    private async Task<HttpResponseMessage> CreateAsync(string url, long? length)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        if (length is { } l)
        {
            request.Headers.Add("Upload-Length", l.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            request.Headers.Add("Upload-Defer-Length", "1");
        }
        request.Headers.Add("Upload-Metadata", "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes("from-link.txt")));
        return await _auth.Server.Client.SendAsync(request);
    }

    [Fact]
    public async Task Upload_through_a_link_without_a_token_then_resume_through_the_signed_location()
    {
        var link = await UploadLinkAsync(100);
        using var created = await CreateAsync(link, 10);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.Contains("sig=", location);

        using var first = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes("01234")) };
        first.Headers.Add("Tus-Resumable", "1.0.0");
        first.Headers.Add("Upload-Offset", "0");
        first.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await _auth.Server.Client.SendAsync(first)).StatusCode);

        using var head = new HttpRequestMessage(HttpMethod.Head, location);
        head.Headers.Add("Tus-Resumable", "1.0.0");
        using var offset = await _auth.Server.Client.SendAsync(head);
        Assert.Equal("5", offset.Headers.GetValues("Upload-Offset").Single());

        using var rest = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes("56789")) };
        rest.Headers.Add("Tus-Resumable", "1.0.0");
        rest.Headers.Add("Upload-Offset", "5");
        rest.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await _auth.Server.Client.SendAsync(rest)).StatusCode);
        Assert.Equal("0123456789", _auth.Server.ReadStoredText("from-link.txt"));

        // the signed Location is good for that upload only, not for another
        using var createOther = _auth.Request(HttpMethod.Post, "uploads", AuthTestServer.UploaderToken);
        createOther.Headers.Add("Tus-Resumable", "1.0.0");
        createOther.Headers.Add("Upload-Length", "3");
        using var other = await _auth.Server.Client.SendAsync(createOther);
        var otherPath = other.Headers.Location!.OriginalString;
        var stolen = otherPath + location[location.IndexOf('?', StringComparison.Ordinal)..];
        using var probe = new HttpRequestMessage(HttpMethod.Head, stolen);
        probe.Headers.Add("Tus-Resumable", "1.0.0");
        Assert.Equal(HttpStatusCode.Forbidden, (await _auth.Server.Client.SendAsync(probe)).StatusCode);
    }

    [Fact]
    public async Task The_size_cap_and_the_signature_are_enforced()
    {
        var link = await UploadLinkAsync(100);
        using var tooBig = await CreateAsync(link, 101);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        using var deferred = await CreateAsync(link, null);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, deferred.StatusCode);
        using var raised = await CreateAsync(link.Replace("max=100", "max=100000", StringComparison.Ordinal), 1000);
        Assert.Equal(HttpStatusCode.Forbidden, raised.StatusCode);
        using var unsigned = await CreateAsync(link[..link.IndexOf('?', StringComparison.Ordinal)], 10);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }
}
