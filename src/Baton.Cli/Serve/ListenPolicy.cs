using System.Net;
using Microsoft.AspNetCore.Http;

namespace Baton.Cli.Serve;

/// <summary>Secure by default: an open server (no tokens) may listen only on loopback unless the user says <c>--allow-anonymous</c>.</summary>
public static class ListenPolicy
{
    /// <summary>The URLs in <paramref name="urls"/> (';'-separated) whose host is not a loopback address or <c>localhost</c>.</summary>
    public static IReadOnlyList<string> NonLoopback(string urls) =>
        [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(url => !IsLoopback(url))];

    private static bool IsLoopback(string url)
    {
        var host = BindingAddress.Parse(url).Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
               || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Why the server must not start, or null.</summary>
    public static string? Refusal(string urls, bool hasTokens, bool allowAnonymous)
    {
        var exposed = NonLoopback(urls);
        if (exposed.Count == 0 || hasTokens || allowAnonymous)
        {
            return null;
        }
        return $"refusing to listen on {string.Join(", ", exposed)} with no tokens configured: anyone who can reach it could read, "
               + "upload and delete files. Create a token (baton token create NAME --can upload,download --root ROOT) or pass "
               + "--allow-anonymous to serve it openly.";
    }
}
