namespace Baton.Testing;

/// <summary>
/// Debian's nginx as a real peer: a single non-daemon process with a temporary prefix and config, listening on 127.0.0.1 at a
/// free port and serving <see cref="Root"/> at <c>/</c>. With a rate, the same folder is also served at <c>/limited/</c> with
/// <c>limit_rate</c> (per connection, as nginx applies it). Killed and removed on dispose.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly TempDirectory _prefix;
    private readonly RunningProcess _process;

    private NginxServer(TempDirectory prefix, TempDirectory root, RunningProcess process, int port)
    {
        _prefix = prefix;
        Root = root;
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public TempDirectory Root { get; }

    public Uri BaseAddress { get; }

    /// <summary>URL of a file under the root; <paramref name="limited"/> selects the rate-limited location.</summary>
    public Uri Url(string relative, bool limited = false) => new(BaseAddress, (limited ? "limited/" : "") + relative);

    /// <summary>Starts nginx; <paramref name="limitRate"/> is an nginx size such as "2m" for the <c>/limited/</c> location.</summary>
    public static async Task<NginxServer> StartAsync(string? limitRate = null)
    {
        const string binary = "/usr/sbin/nginx";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("nginx is not installed: run scripts/install-test-deps.sh");
        }
        var prefix = new TempDirectory("baton-nginx-");
        var root = new TempDirectory("baton-nginx-root-");
        var port = FreePort.Next();
        var limited = limitRate is null ? "" : $$"""
                location /limited/ {
                    alias {{root.Path}}/;
                    limit_rate {{limitRate}};
                }
            """;
        var config = $$"""
            daemon off;
            master_process off;
            pid {{prefix.Path}}/nginx.pid;
            error_log {{prefix.Path}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                default_type application/octet-stream;
                sendfile on;
                keepalive_requests 10000;
                client_body_temp_path {{prefix.Path}}/body;
                proxy_temp_path {{prefix.Path}}/proxy;
                fastcgi_temp_path {{prefix.Path}}/fastcgi;
                uwsgi_temp_path {{prefix.Path}}/uwsgi;
                scgi_temp_path {{prefix.Path}}/scgi;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{root.Path}};
            {{limited}}
                }
            }
            """;
        var configPath = prefix.Combine("nginx.conf");
        await File.WriteAllTextAsync(configPath, config);
        var process = RunningProcess.Start(binary, ["-p", prefix.Path, "-c", configPath]);
        var server = new NginxServer(prefix, root, process, port);
        await PortWaiter.WaitAsync(port, process, TimeSpan.FromSeconds(15), server.ReadErrorLog);
        return server;
    }

    private string ReadErrorLog()
    {
        var log = _prefix.Combine("error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "";
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _prefix.Dispose();
        Root.Dispose();
    }
}
