using System.Security.Cryptography;
using Baton.Testing;

namespace Baton.Server.Tests.Downloads;

/// <summary>A Baton server over a temp root holding a few files whose modification time lies in the past (settled validators).</summary>
public abstract class DownloadTestBase : IAsyncLifetime
{
    protected BatonTestServer Server { get; private set; } = null!;

    protected HttpClient Client => Server.Client;

    protected virtual void Configure(BatonOptions options)
    {
    }

    public virtual async Task InitializeAsync() => Server = await BatonTestServer.StartAsync(Configure);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Writes a file with deterministic random content, dated an hour ago so its validators are strong.</summary>
    protected byte[] Put(string relative, int length, int seed = 7)
    {
        var path = Server.Root.WriteRandomFile(relative, length, seed);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        return File.ReadAllBytes(path);
    }

    protected static string Sha256Base64(byte[] data) => Convert.ToBase64String(SHA256.HashData(data));

    protected static HttpRequestMessage Get(string url, params (string Name, string Value)[] headers) => Request(HttpMethod.Get, url, headers);

    protected static HttpRequestMessage Request(HttpMethod method, string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }
}
