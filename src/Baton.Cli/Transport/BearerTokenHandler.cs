using System.Net.Http.Headers;

namespace Baton.Cli.Transport;

/// <summary>
/// Sends <c>Authorization: Bearer TOKEN</c> on the requests the verbs make. Redirects are followed below this handler, and the
/// HTTP stack drops Authorization when it follows one, so the token never reaches another host a server redirects to.
/// </summary>
internal sealed class BearerTokenHandler(string token, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
