using Baton.Server;
using Baton.Server.Auth;
using Baton.Server.Hosting;
using Baton.Server.Operations;
using Baton.Server.Problems;
using Baton.Storage.S3.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Cli.Serve;

/// <summary>Builds and runs the web host behind <c>baton serve</c>.</summary>
public static partial class ServeHost
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Default of <c>Baton:RequestBufferSize</c> and <c>Baton:ResponseBufferSize</c>: bytes buffered per connection and
    /// direction before back-pressure.</summary>
    public const long DefaultConnectionBuffer = 32 * 1024;

    public static async Task<int> RunAsync(ServeArguments arguments, CancellationToken cancellation)
    {
        WebApplication app;
        try
        {
            app = Build(arguments);
            var urls = app.Configuration["urls"] ?? DefaultUrls;
            var hasCredentials = await app.Services.GetRequiredService<ITokenSource>().HasTokensAsync(cancellation)
                                 || app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BatonOptions>>().Value.Auth.Jwt.Enabled;
            if (ListenPolicy.Refusal(urls, hasCredentials, arguments.AllowAnonymous) is { } refusal)
            {
                await Console.Error.WriteLineAsync("baton serve: " + refusal);
                return ExitCodes.Failure;
            }
            await app.StartAsync(cancellation);
        }
        catch (Exception e) when (e is Microsoft.Extensions.Options.OptionsValidationException or IOException or InvalidOperationException
                                       or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            await Console.Error.WriteLineAsync($"baton serve: {e.Message}");
            return ExitCodes.Failure;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Baton");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        LogListening(logger, app.Services.GetRequiredService<BatonRoot>().FullPath, string.Join(' ', addresses),
            app.Services.GetRequiredService<InstanceIdentity>().Id);
        await app.WaitForShutdownAsync(cancellation);
        return ExitCodes.Success;
    }

    /// <summary>The configured application, not yet started. Configuration, lowest precedence first: appsettings.json beside
    /// the executable, appsettings.json in the working folder, <c>BATON_*</c> environment variables, the command line.</summary>
    public static WebApplication Build(ServeArguments arguments)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            // The builder's own appsettings.json source would watch the content root for changes, recursively — with
            // `baton serve .` that is the served tree, and every upload write then costs an inotify event (bench/analysis.md).
            // The configuration is rebuilt below without reloading anyway.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        var configuration = builder.Configuration;
        configuration.Sources.Clear();
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddInMemoryCollection(EnvironmentConfiguration.Read(Environment.GetEnvironmentVariables()));
        var overrides = new Dictionary<string, string?>();
        if (arguments.Root is not null)
        {
            overrides[$"{BatonOptions.SectionName}:Root"] = arguments.Root;
        }
        if (arguments.Urls is not null)
        {
            overrides["urls"] = arguments.Urls;
        }
        foreach (var pair in arguments.ExtraConfiguration ?? [])
        {
            var cut = pair.IndexOf('=', StringComparison.Ordinal);
            overrides[pair[..cut]] = pair[(cut + 1)..];
        }
        configuration.AddInMemoryCollection(overrides);

        builder.WebHost.UseUrls(configuration["urls"] ?? DefaultUrls);
        // The socket transport buffers up to MaxReadBufferSize (default 1 MiB) of received bytes per connection when the app reads
        // slower than the network, as an upload writing to disk does: measured as ~1 MiB of pinned blocks per concurrent upload.
        // Outgoing, a download's flush waits once MaxWriteBufferSize (default 64 KiB) is queued. Every busy connection holds about
        // that much, so both are kept small; the kernel's socket buffers still carry the stream (bench/analysis.md, "Server memory").
        var requestBuffer = configuration.GetValue($"{BatonOptions.SectionName}:RequestBufferSize", DefaultConnectionBuffer);
        var responseBuffer = configuration.GetValue($"{BatonOptions.SectionName}:ResponseBufferSize", DefaultConnectionBuffer);
        builder.WebHost.UseSockets(sockets =>
        {
            sockets.MaxReadBufferSize = requestBuffer;
            sockets.MaxWriteBufferSize = responseBuffer;
        });
        builder.WebHost.UseKestrelHttpsConfiguration(); // the slim builder leaves https:// addresses out unless asked
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Deliberate limits (docs/security.md): small, bounded request heads; idle connections and slow heads are dropped.
            // Request bodies are unlimited only on the upload endpoints, which also enforce a minimum data rate.
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            // Unread request bytes buffered per connection before TCP back-pressure applies (Kestrel's default is 1 MiB):
            // with hundreds of concurrent uploads the default alone could hold hundreds of MiB.
            kestrel.Limits.MaxRequestBufferSize = requestBuffer;
            kestrel.Limits.MaxResponseBufferSize = responseBuffer;
            if (arguments.CertificatePath is { } certificate)
            {
                var loaded = ServerCertificate.Load(certificate, arguments.CertificateKeyPath, configuration["CertificatePassword"]);
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = loaded);
            }
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        // Scopes on: every record carries the instance id (InstanceLogScope), which tells apart the instances of a cluster.
        // Logging:Console:FormatterName = json writes one JSON object per record, the id as a scope property.
        if (string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; o.UseUtcTimestamp = true; });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; o.IncludeScopes = true; });
        }
        // A failed start is reported once, as one line, by RunAsync; the host's own stack-trace dump would bury it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        // Backends beside disk (Baton:Storage:Kind selects one; its settings are validated at start only when selected).
        builder.Services.AddBatonS3Storage(configuration.GetSection(BatonOptions.SectionName));
        builder.Services.AddBaton(configuration.GetSection(BatonOptions.SectionName));
        // The transport moves up to one pool block per system call: Kestrel's own pool has 4 KiB blocks (~260,000 recv calls per
        // uploaded GiB). 64 KiB blocks cut that sixteenfold and let downloads fill reused pinned blocks instead of renting arrays
        // from the GC heap; with the read buffer capped above, they also lowered peak memory under 400 transfers
        // (docs/benchmarks.md). Baton:TransportBlockSize = 0 keeps Kestrel's pool.
        var blockSize = configuration.GetValue($"{BatonOptions.SectionName}:TransportBlockSize", LargeBlockMemoryPoolFactory.DefaultBlockSize);
        if (blockSize > 0)
        {
            builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>>(new LargeBlockMemoryPoolFactory(blockSize));
        }

        var app = builder.Build();
        app.UseBatonProblems();
        app.MapBaton();
        return app;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Baton is serving {Root} at {Urls} (instance {InstanceId})")]
    private static partial void LogListening(ILogger logger, string root, string urls, string instanceId);
}
