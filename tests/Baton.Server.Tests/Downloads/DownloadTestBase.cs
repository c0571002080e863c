using System.Security.Cryptography;
using Baton.Protocol.Paths;
using Baton.Storage.Files;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>One moment an hour ago, in whole seconds, for every file of a test: two files written in one test get the same
    /// Last-Modified even when the test straddles a second.</summary>
    private readonly DateTime _settled = DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds());

    /// <summary>Writes a file with deterministic random content, dated an hour ago so its validators are strong.</summary>
    protected byte[] Put(string relative, int length, int seed = 7)
    {
        var path = Server.Root.WriteRandomFile(relative, length, seed);
        File.SetLastWriteTimeUtc(path, _settled);
        TestStorage.Publish(Server.Services, Server.Root.Path, relative);
        return File.ReadAllBytes(path);
    }

    /// <summary>When the backend says <paramref name="relative"/> last changed: the file's mtime on disk, the object's
    /// Last-Modified on S3.</summary>
    protected DateTimeOffset StoredLastModified(string relative) => TestStorage.IsDisk
        ? File.GetLastWriteTimeUtc(Server.Root.Combine(relative))
        : Server.Services.GetRequiredService<IFileSource>().StatAsync(Path(relative), default).AsTask().GetAwaiter().GetResult()!.LastModified;

    private static RelativePath Path(string relative) =>
        RelativePath.TryParse(relative, allowHidden: false, out var path) == PathCheck.Valid ? path : throw new ArgumentException(relative);

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
