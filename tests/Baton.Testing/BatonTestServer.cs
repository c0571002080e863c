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

    /// <summary>Writes a file with deterministic random content below the root and publishes it to the server's storage backend
    /// (<see cref="TestStorage.Publish"/>); returns its full path on disk.</summary>
    public string WriteRandomFile(string relative, long length, int seed = 1)
    {
        var path = Root.WriteRandomFile(relative, length, seed);
        TestStorage.Publish(Services, Root.Path, relative);
        return path;
    }

    /// <summary>Writes a text file below the root and publishes it to the server's storage backend.</summary>
    public void WriteStoredText(string relative, string text)
    {
        var path = Root.Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        TestStorage.Publish(Services, Root.Path, relative);
    }

    /// <summary>Makes the (possibly empty) folder <paramref name="relative"/> exist in the server's storage backend.</summary>
    public void CreateStoredFolder(string relative) => TestStorage.PublishFolder(Services, Root.Path, relative);

    /// <summary>Whether the folder <paramref name="relative"/> exists in the server's storage backend (exact name).</summary>
    public bool StoredFolderExists(string relative) => TestStorage.IsDisk
        ? Directory.Exists(Root.Combine(relative))
        : TestStorage.IsFolderAsync(Services, relative).GetAwaiter().GetResult();

    /// <summary>The bytes of the stored file <paramref name="relative"/> as the server's backend holds it, or null.</summary>
    public byte[]? ReadStoredFile(string relative) => TestStorage.IsDisk
        ? (File.Exists(Root.Combine(relative)) ? File.ReadAllBytes(Root.Combine(relative)) : null)
        : TestStorage.ReadAsync(Services, relative).GetAwaiter().GetResult();

    /// <summary>The stored file <paramref name="relative"/> as UTF-8 text; fails when it does not exist.</summary>
    public string ReadStoredText(string relative) =>
        System.Text.Encoding.UTF8.GetString(ReadStoredFile(relative) ?? throw new FileNotFoundException("not stored", relative));

    public bool StoredFileExists(string relative) => ReadStoredFile(relative) is not null;

    /// <summary>The names of the files stored at the top of the root.</summary>
    public IReadOnlyList<string> StoredFileNames() => TestStorage.IsDisk
        ? Directory.GetFiles(Root.Path).Select(f => System.IO.Path.GetFileName(f)!).ToList()
        : TestStorage.ListAsync(Services).GetAwaiter().GetResult();

    /// <summary>The upload store's own objects (records, data) whose names end with <paramref name="suffix"/>.</summary>
    public IReadOnlyList<string> StagedUploads(string suffix = "") => TestStorage.IsDisk
        ? (Directory.Exists(Root.Combine(".baton", "uploads"))
            ? Directory.GetFiles(Root.Combine(".baton", "uploads"), "*" + suffix).ToList()
            : [])
        : TestStorage.StagedAsync(Services, suffix).GetAwaiter().GetResult();

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
