using System.Net;
using System.Security.Cryptography;
using Baton.Client.Downloads;
using Baton.Testing;

namespace Baton.Client.Tests.Downloads;

public class Http2DownloadTests
{
    [Fact]
    public async Task A_segmented_download_over_http2_is_byte_identical()
    {
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("source.bin", 6 << 20);
        await using var server = await Http2OnlyFileServer.StartAsync(source);
        using var http = new HttpClient(new Http2PriorKnowledge(new SocketsHttpHandler()));
        var target = dir.Combine("out.bin");

        var result = await new FileDownloader(http).DownloadAsync(server.FileUrl,
            new DownloadOptions { OutputPath = target, Connections = 4, MinimumSegmentBytes = 256 * 1024 });

        Assert.Equal(4, result.Connections);
        Assert.True(server.Http2Requests >= 5, $"expected the probe and 4 segments over HTTP/2, saw {server.Http2Requests}");
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(source)), SHA256.HashData(File.ReadAllBytes(target)));
    }

    /// <summary>h2c needs prior knowledge: every request exactly HTTP/2.</summary>
    private sealed class Http2PriorKnowledge(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
