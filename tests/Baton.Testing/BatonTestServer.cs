using Baton.Server;
using Baton.Server.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Testing;

/// <summary>
/// Baton on real Kestrel, bound to 127.0.0.1 on a free port chosen by the OS, over a fresh temporary root.
/// Tests talk to it over real sockets through <see cref="Client"/> or any external tool pointed at <see cref="BaseAddress"/>.
/// </summary>
public sealed class BatonTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BatonTestServer(WebApplication app, TempDirectory root, Uri baseAddress)
    {
        _app = app;
        Root = root;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public TempDirectory Root { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server. <paramref name="configure"/> adjusts options; <paramref name="services"/> adds or replaces services.</summary>
    public static async Task<BatonTestServer> StartAsync(
        Action<BatonOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        TempDirectory? root = null)
    {
        root ??= new TempDirectory();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        TestStorage.Register(builder.Services, builder.Configuration);
        builder.Services.AddBaton(o =>
        {
            o.Root = root.Path;
            configure?.Invoke(o);
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseBatonProblems();
        app.MapBaton();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new BatonTestServer(app, root, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Absolute URL of a path on this server.</summary>
    public Uri Url(string relative) => new(BaseAddress, relative);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Root.Dispose();
    }
}
