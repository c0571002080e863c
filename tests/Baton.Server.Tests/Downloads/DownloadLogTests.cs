using System.Net;
using System.Net.Sockets;
using System.Text;
using Baton.Server.Auth;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Server.Tests.Downloads;

/// <summary>
/// What a download logs (issue 11 item 6): a client leaving mid-body is normal and logs no warning; only a file that really
/// ended before its announced length does. Each test waits for the host's "Request finished" record, not for time.
/// </summary>
public sealed class DownloadLogTests : IAsyncLifetime
{
    private const int FileSize = 64 * 1024 * 1024;
    private readonly LogRecorder _logs = new();
    private BatonTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync(
            o => o.Auth.Tokens = [new TokenEntry { Name = "r", Sha256 = TokenStore.Hash("bt_reader_0123456789"), Permissions = [BatonPermissions.Download] }],
            services => services.AddSingleton<ILoggerProvider>(_logs).Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Debug));
        _server.WriteRandomFile("big.bin", FileSize);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Clients_that_leave_mid_body_log_no_warning()
    {
        const int Leaves = 20;
        for (var i = 0; i < Leaves; i++)
        {
            // Alternate whole-file and range requests; each reads a little of the body, then drops the connection.
            var range = i % 2 == 0 ? "" : $"Range: bytes={i * 1000}-\r\n";
            using var socket = await ConnectAndAskAsync($"GET /files/big.bin HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer bt_reader_0123456789\r\n{range}\r\n");
            await ReadAtLeastAsync(socket, 256 * 1024);
            socket.Close();
        }

        await _logs.WaitForFinishedRequestsAsync(Leaves, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(_logs.Records, r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)] // truncating in place is a disk event; an S3 object is replaced whole
    public async Task A_file_that_shrinks_while_it_is_sent_is_warned_about_and_the_connection_cut()
    {
        using var socket = await ConnectAndAskAsync("GET /files/big.bin HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer bt_reader_0123456789\r\n\r\n");
        await ReadAtLeastAsync(socket, 256 * 1024);
        await using (var file = new FileStream(_server.Root.Combine("big.bin"), FileMode.Open, FileAccess.Write))
        {
            file.SetLength(1024 * 1024);
        }

        var received = 256 * 1024 + await DrainAsync(socket);

        Assert.True(received < FileSize, $"the connection was cut after {received} of {FileSize} bytes");
        var warning = await _logs.WaitForAsync(r => r.EventId.Id == 10 && r.Level == LogLevel.Warning, TimeSpan.FromSeconds(30));
        Assert.Contains("big.bin", warning.Message);
    }

    [Fact]
    public async Task A_challenge_is_not_logged_at_information_level()
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await _server.Client.GetAsync("files/big.bin");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        await _logs.WaitForFinishedRequestsAsync(3, TimeSpan.FromSeconds(30));
        // Baton's own categories (its handler included: ASP.NET Core's handler base logs every challenge at Information) say
        // nothing above Debug; Microsoft.AspNetCore.* is the host's to configure (baton serve sets it to Warning).
        Assert.Contains(_logs.Records, r => r.Category == typeof(BatonAuthenticationHandler).FullName && r.Level == LogLevel.Debug
            && r.Message.Contains("challenged", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Records, r => r.Level >= LogLevel.Information && r.Category.StartsWith("Baton", StringComparison.Ordinal));
    }

    private async Task<Socket> ConnectAndAskAsync(string request)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 64 * 1024 };
        await socket.ConnectAsync(IPAddress.Loopback, _server.BaseAddress.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        return socket;
    }

    private static async Task ReadAtLeastAsync(Socket socket, int count)
    {
        var buffer = new byte[64 * 1024];
        for (var read = 0; read < count;)
        {
            var n = await socket.ReceiveAsync(buffer);
            Assert.NotEqual(0, n);
            read += n;
        }
    }

    private static async Task<long> DrainAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            for (int n; (n = await socket.ReceiveAsync(buffer, timeout.Token)) > 0;)
            {
                total += n;
            }
        }
        catch (SocketException)
        {
            // a reset is how an aborted response may arrive
        }
        return total;
    }
}
