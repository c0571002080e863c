using System.Net;

namespace Baton.Cli.Transport;

/// <summary>
/// The HttpClient the verbs share: redirects followed (the final URL is kept by the client library), no automatic decompression
/// (byte ranges address the representation as sent), no overall timeout (stall detection replaces it), HTTP/2 when offered.
/// </summary>
public static class BatonHttpClient
{
    public static HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        var client = new HttpClient(new PreferHttp2Handler(handler)) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("baton/" + (typeof(BatonHttpClient).Assembly.GetName().Version?.ToString(3) ?? "1.0"));
        return client;
    }
}
