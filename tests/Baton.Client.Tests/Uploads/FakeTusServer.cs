using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Client.Tests.Uploads;

/// <summary>
/// A minimal tus 1.0 server on real Kestrel (127.0.0.1) offering creation and checksum (sha256), keeping one small upload in
/// memory. It can advertise <c>Baton-File-Digest</c> and serve the stored file's Repr-Digest, and can store a damaged copy
/// (one byte flipped) to stand for a server whose stored file differs from what was sent.
/// </summary>
public sealed class FakeTusServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _fileDigest;
    private readonly bool _corrupt;
    private MemoryStream _stored = new();
    private long _length;

    private FakeTusServer(WebApplication app, bool fileDigest, bool corrupt)
    {
        _app = app;
        _fileDigest = fileDigest;
        _corrupt = corrupt;
    }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The Upload-Checksum of every PATCH, null when it had none.</summary>
    public ConcurrentQueue<string?> Patches { get; } = new();

    public static async Task<FakeTusServer> StartAsync(bool fileDigest = false, bool corrupt = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTusServer(app, fileDigest, corrupt);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/files/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var (request, response) = (context.Request, context.Response);
        response.Headers["Tus-Resumable"] = "1.0.0";
        switch (request.Method, request.Path.Value)
        {
            case ("OPTIONS", "/files/"):
                response.Headers["Tus-Version"] = "1.0.0";
                response.Headers["Tus-Extension"] = "creation,checksum";
                response.Headers["Tus-Checksum-Algorithm"] = "sha256";
                if (_fileDigest)
                {
                    response.Headers["Baton-File-Digest"] = "sha-256";
                }
                response.StatusCode = 204;
                break;
            case ("POST", "/files/"):
                _length = long.Parse(request.Headers["Upload-Length"].ToString());
                _stored = new MemoryStream();
                response.Headers.Location = "/files/1";
                response.StatusCode = 201;
                break;
            case ("HEAD", "/files/1"):
                response.Headers["Upload-Offset"] = _stored.Length.ToString();
                response.Headers["Upload-Length"] = _length.ToString();
                response.StatusCode = 200;
                break;
            case ("PATCH", "/files/1"):
                var checksum = request.Headers["Upload-Checksum"].ToString();
                Patches.Enqueue(checksum.Length > 0 ? checksum : null);
                if (long.Parse(request.Headers["Upload-Offset"].ToString()) != _stored.Length)
                {
                    response.StatusCode = 409;
                    return;
                }
                await request.Body.CopyToAsync(_stored);
                if (_stored.Length == _length)
                {
                    if (_corrupt)
                    {
                        _stored.GetBuffer()[_length / 2] ^= 0xFF;
                    }
                    response.Headers["Baton-File-Url"] = "/stored/1";
                }
                response.Headers["Upload-Offset"] = _stored.Length.ToString();
                response.StatusCode = 204;
                break;
            case ("HEAD", "/stored/1"):
                response.ContentLength = _stored.Length;
                if (_fileDigest && request.Headers["Want-Repr-Digest"].ToString().Contains("sha-256", StringComparison.Ordinal))
                {
                    var sha = SHA256.HashData(_stored.GetBuffer().AsSpan(0, (int)_stored.Length));
                    response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(sha)}:";
                }
                response.StatusCode = 200;
                break;
            default:
                response.StatusCode = 404;
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
