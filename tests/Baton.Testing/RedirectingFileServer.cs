using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Baton.Testing;

/// <summary>
/// A small Kestrel app (127.0.0.1, random port) imitating a CDN with signed URLs: <c>/file</c> redirects (302) to
/// <c>/signed?token=N</c>, and each token works for only <c>usesPerToken</c> requests, then answers 403 — as an expired signature
/// does. The signed URL serves the file with ranges, a strong ETag and, optionally, a given <c>Repr-Digest</c>
/// (<see cref="ReprDigestMode"/>).
/// </summary>
public sealed class RedirectingFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _redirects;

    private RedirectingFileServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The unsigned URL clients start from.</summary>
    public Uri FileUrl => new(BaseAddress, "file");

    /// <summary>How often <c>/file</c> was asked (the first time plus every refresh after an expiry).</summary>
    public int Redirects => Volatile.Read(ref _redirects);

    public static async Task<RedirectingFileServer> StartAsync(string path, int usesPerToken, ReprDigestMode digest = ReprDigestMode.None)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RedirectingFileServer(app);
        var uses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        byte[] sha;
        using (var file = File.OpenRead(path))
        {
            sha = SHA256.HashData(file);
        }
        if (digest == ReprDigestMode.Wrong)
        {
            sha[0] ^= 0xFF;
        }
        var modified = File.GetLastWriteTimeUtc(path);
        app.MapGet("/file", () => Results.Redirect($"/signed?token={Interlocked.Increment(ref server._redirects)}"));
        app.MapGet("/signed", (HttpContext context, int token) =>
        {
            if (uses.AddOrUpdate(token, 1, (_, n) => n + 1) > usesPerToken)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            if (digest != ReprDigestMode.None)
            {
                context.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(sha)}:";
            }
            return Results.File(path, "application/octet-stream", lastModified: modified,
                entityTag: new EntityTagHeaderValue("\"fixed-1\""), enableRangeProcessing: true);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
