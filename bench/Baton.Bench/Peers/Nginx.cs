using Baton.Testing;

namespace Baton.Bench.Peers;

/// <summary>Debian's nginx on 127.0.0.1 with a generated config; <c>/files/</c> serves a folder, <c>/limited/</c> the same at a per-connection rate.</summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private Nginx(RunningProcess process, int port, string config)
    {
        _process = process;
        Port = port;
        Config = config;
    }

    public int Port { get; }

    public string Config { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <param name="sendfile">nginx's sendfile switch.</param>
    /// <param name="outputBuffers">The <c>output_buffers</c> value used when sendfile is off (e.g. <c>2 1m</c>).</param>
    /// <param name="limitRate">The <c>limit_rate</c> of <c>/limited/</c>, e.g. <c>20m</c>.</param>
    public static async Task<Nginx> StartAsync(string root, bool sendfile, string outputBuffers = "2 1m", string limitRate = "20m")
    {
        var prefix = Directory.CreateTempSubdirectory("nginx-").FullName;
        File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);
        var port = FreePort.Next();
        var config = $$"""
            worker_processes 2;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                default_type application/octet-stream;
                sendfile {{(sendfile ? "on" : "off")}};
                tcp_nopush on;
                output_buffers {{outputBuffers}};
                keepalive_requests 100000;
                server {
                    listen 127.0.0.1:{{port}};
                    location /files/ { alias {{root}}/; }
                    location /limited/ { alias {{root}}/; limit_rate {{limitRate}}; }
                }
            }
            """;
        var path = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(path, config);
        var process = RunningProcess.Start("nginx", ["-p", prefix, "-c", path, "-g", "daemon off;"]);
        await PortWaiter.WaitAsync(port, process, TimeSpan.FromSeconds(30));
        return new Nginx(process, port, config);
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
