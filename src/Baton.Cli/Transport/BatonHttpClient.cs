using Baton.Client.Requests;

namespace Baton.Cli.Transport;

/// <summary>The HttpClient the verbs share: Baton.Client's <see cref="RequestPipeline"/> with the token bound to the origins of the
/// URLs the user named, and baton's User-Agent.</summary>
public static class BatonHttpClient
{
    /// <param name="token">A bearer token for Baton servers with access control, or null.</param>
    /// <param name="grantedFor">The URLs given on the command line: the token is sent only to their origins.</param>
    public static HttpClient Create(string? token, IEnumerable<Uri> grantedFor)
    {
        var client = RequestPipeline.CreateClient(token is null ? null : new OriginCredentials(token, grantedFor));
        client.DefaultRequestHeaders.UserAgent.ParseAdd("baton/" + (typeof(BatonHttpClient).Assembly.GetName().Version?.ToString(3) ?? "1.0"));
        return client;
    }
}
