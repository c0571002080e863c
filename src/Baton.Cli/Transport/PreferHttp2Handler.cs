using System.Net;

namespace Baton.Cli.Transport;

/// <summary>
/// Offers HTTP/2 on every request and falls back to HTTP/1.1 (ALPN over TLS; plain http stays HTTP/1.1). Requests built with
/// <c>new HttpRequestMessage</c> ignore HttpClient's DefaultRequestVersion, hence a handler rather than a client setting.
/// </summary>
internal sealed class PreferHttp2Handler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        return base.SendAsync(request, cancellationToken);
    }
}
