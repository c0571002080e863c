using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Baton.Testing;

/// <summary>
/// Kestrel on 127.0.0.1 speaking only HTTP/2 in cleartext (h2c, prior knowledge), serving one file with ranges and a strong ETag at
/// <c>/file</c>; counts the HTTP/2 requests it saw so tests can prove the protocol actually used.
/// </summary>
public sealed class Http2OnlyFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _http2Requests;

    private Http2OnlyFileServer(WebApplication app, Uri fileUrl)
    {
        _app = app;
        FileUrl = fileUrl;
    }

    public Uri FileUrl { get; }

    public int Http2Requests => Volatile.Read(ref _http2Requests);

    public static async Task<Http2OnlyFileServer> StartAsync(string path)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new Http2OnlyFileServer(app, new Uri($"http://127.0.0.1:{port}/file"));
        app.MapGet("/file", (HttpContext context) =>
        {
            if (context.Request.Protocol == "HTTP/2")
            {
                Interlocked.Increment(ref server._http2Requests);
            }
            return Results.File(path, "application/octet-stream", lastModified: File.GetLastWriteTimeUtc(path),
                entityTag: new EntityTagHeaderValue("\"h2-1\""), enableRangeProcessing: true);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
