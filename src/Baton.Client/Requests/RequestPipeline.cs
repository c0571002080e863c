using Baton.Client.Requests;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Baton.Client.Transfers;

namespace Baton.Client.Requests;

/// <summary>
/// The one path every request of the client takes (probe, segments, retries, refreshes, uploads, listings): it offers HTTP/2,
/// follows redirects itself, and decides per hop whether the request may carry credentials — only to an origin they were granted
/// for (<see cref="OriginCredentials"/>). The HTTP stack below never follows redirects (it would re-send headers set here).
/// A connection refused by an origin that has never answered fails at once as a <see cref="TransferException"/> (nothing listens
/// there; retrying only delays the error); once an origin has answered, a refusal is transient (a restarting server) and
/// <see cref="RetryPolicy"/> retries it.
/// </summary>
public sealed class RequestPipeline : DelegatingHandler
{
    /// <summary>Redirect hops followed per request, like curl's and HttpClient's default.</summary>
    public const int MaxRedirects = 10;

    private readonly OriginCredentials? _credentials;
    private readonly ConcurrentDictionary<string, bool> _answered = new(StringComparer.OrdinalIgnoreCase);

    public RequestPipeline(HttpMessageHandler inner, OriginCredentials? credentials = null) : base(inner) => _credentials = credentials;

    /// <summary>An HttpClient on this pipeline over a SocketsHttpHandler: no automatic redirects or decompression (byte ranges
    /// address the representation as sent), no overall timeout (stall detection replaces it).</summary>
    public static HttpClient CreateClient(OriginCredentials? credentials = null, TimeSpan? connectTimeout = null)
    {
        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        return new HttpClient(new RequestPipeline(sockets, credentials)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Whether <paramref name="url"/>'s origin has answered a request of this pipeline.</summary>
    public bool HasAnswered(Uri url) => _answered.ContainsKey(OriginCredentials.OriginOf(url));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Requests built with new HttpRequestMessage ignore HttpClient.DefaultRequestVersion; ALPN falls back to HTTP/1.1.
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        var firstOrigin = OriginCredentials.OriginOf(request.RequestUri!);
        var callerAuthorization = request.Headers.Authorization;
        for (var hop = 0; ; hop++)
        {
            var url = request.RequestUri!;
            var origin = OriginCredentials.OriginOf(url);
            // A caller's own Authorization stays with the origin it addressed; granted credentials go only to granted origins.
            request.Headers.Authorization = callerAuthorization is not null && origin == firstOrigin ? callerAuthorization : _credentials?.For(url);
            var response = await SendOnceAsync(request, origin, cancellationToken);
            if (hop >= MaxRedirects || RedirectTarget(response, url) is not { } target || !Follow(request, response.StatusCode))
            {
                return response;
            }
            response.Dispose();
            request.RequestUri = target;
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, string origin, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (IsRefused(e) && !_answered.ContainsKey(origin))
        {
            throw new TransferException(TransferFailure.Network, $"{origin}: connection refused (nothing is listening there)", e);
        }
        _answered.TryAdd(origin, true);
        return response;
    }

    private static bool IsRefused(HttpRequestException e) =>
        e.HttpRequestError == HttpRequestError.ConnectionError && e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };

    private static Uri? RedirectTarget(HttpResponseMessage response, Uri url)
    {
        if (response.StatusCode is not (HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect) || response.Headers.Location is not { } location)
        {
            return null;
        }
        // RFC 9110 §10.2.2: a relative Location is resolved against the request's URI; a fragment-less target keeps none.
        return Uri.TryCreate(url, location, out var target) && target.Scheme is "http" or "https"
            && !(url.Scheme == "https" && target.Scheme == "http") ? target : null;
    }

    /// <summary>Rewrites the request for the next hop (RFC 9110 §15.4): 303, and 301/302 after POST, become GET without a body;
    /// 307/308 repeat the method and body — which a body that cannot be replayed (a file slice) cannot, so those are not followed.</summary>
    private static bool Follow(HttpRequestMessage request, HttpStatusCode status)
    {
        var toGet = status == HttpStatusCode.SeeOther && request.Method != HttpMethod.Head
            || status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && request.Method == HttpMethod.Post;
        if (toGet)
        {
            request.Method = HttpMethod.Get;
            request.Content = null;
            return true;
        }
        return request.Content is null or ByteArrayContent;
    }
}
