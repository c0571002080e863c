using System.Net;

namespace Baton.Cli.Transport;

/// <summary>
/// The HttpClient the verbs share: redirects followed (the final URL is kept by the client library), no automatic decompression
/// (byte ranges address the representation as sent), no overall timeout (stall detection replaces it), HTTP/2 when offered.
/// </summary>
public static class BatonHttpClient
{
    /// <param name="token">A bearer token for Baton servers with access control, or null.</param>
    public static HttpClient Create(string? token = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        HttpMessageHandler pipeline = new PreferHttp2Handler(handler);
        if (token is not null)
        {
            pipeline = new BearerTokenHandler(token, pipeline);
        }
        var client = new HttpClient(pipeline) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("baton/" + (typeof(BatonHttpClient).Assembly.GetName().Version?.ToString(3) ?? "1.0"));
        return client;
    }
}
