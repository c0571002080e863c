using System.Net;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads;

/// <summary>Issue 11 item 7: OPTIONS and 405 on the upload endpoints say which methods are allowed (RFC 9110 §10.2.1, §15.5.6).</summary>
public sealed class UploadAllowTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Allow(HttpResponseMessage response) => string.Join(", ", response.Content.Headers.Allow.Order(StringComparer.Ordinal));

    [Fact]
    public async Task Options_on_the_collection_allows_options_and_post()
    {
        using var response = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "uploads"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("OPTIONS, POST", Allow(response));
    }

    [Fact]
    public async Task Options_on_an_upload_lists_its_methods_and_a_405_does_too()
    {
        var location = await Tus.CreateAsync(_server.Client, 10, "a.bin");

        using var options = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, location));
        using var put = await _server.Client.SendAsync(Tus.Request(HttpMethod.Put, location));
        using var collectionPut = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, "uploads"));

        Assert.Equal("DELETE, GET, HEAD, OPTIONS, PATCH, POST", Allow(options));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal("DELETE, GET, HEAD, OPTIONS, PATCH, POST", Allow(put));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, collectionPut.StatusCode);
        Assert.Equal("OPTIONS, POST", Allow(collectionPut));
    }
}
