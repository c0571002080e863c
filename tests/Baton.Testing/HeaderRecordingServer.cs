using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Testing;

/// <summary>
/// A Kestrel app on 127.0.0.1 (random port) that records the method, path, Authorization and Range headers of every request it receives
/// before <c>handle</c> answers it — the "other origin" of cross-origin credential tests.
/// </summary>
public sealed class HeaderRecordingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HeaderRecordingServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri Url(string relative) => new(BaseAddress, relative);

    public static async Task<HeaderRecordingServer> StartAsync(Func<HttpContext, Task> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new HeaderRecordingServer(app);
        app.Run(context =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            server.Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                authorization.Length == 0 ? null : authorization, context.Request.Headers.Range.ToString() is { Length: > 0 } range ? range : null));
            return handle(context);
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

/// <summary>One request a <see cref="HeaderRecordingServer"/> received; <paramref name="Authorization"/> and <paramref name="Range"/> are null when absent.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? Range = null);
