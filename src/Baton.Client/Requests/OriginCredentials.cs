using System.Net.Http.Headers;

namespace Baton.Client.Requests;

/// <summary>
/// A bearer token bound to the origins (RFC 6454: scheme, host, port) it was given for — the URLs named on the command line.
/// <see cref="RequestPipeline"/> asks <see cref="For"/> on every request and every redirect hop, so a redirect, a segment sent
/// straight to a redirect target, a retry or a refresh never carries the token to another origin (docs/security.md).
/// </summary>
public sealed class OriginCredentials
{
    private readonly HashSet<string> _origins = new(StringComparer.OrdinalIgnoreCase);
    private readonly AuthenticationHeaderValue _authorization;

    public OriginCredentials(string token, IEnumerable<Uri> grantedFor)
    {
        _authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var url in grantedFor)
        {
            _origins.Add(OriginOf(url));
        }
    }

    /// <summary>The origins the token is sent to, as <c>scheme://host:port</c>.</summary>
    public IReadOnlyCollection<string> Origins => _origins;

    /// <summary>The Authorization value for a request to <paramref name="url"/>, or null when its origin was not granted.</summary>
    public AuthenticationHeaderValue? For(Uri url) => url.IsAbsoluteUri && _origins.Contains(OriginOf(url)) ? _authorization : null;

    /// <summary>RFC 6454 §4: scheme, host and port — the port always explicit, so http://h and http://h:80 are one origin.</summary>
    public static string OriginOf(Uri url) => $"{url.Scheme}://{url.IdnHost}:{url.Port}";
}
