using System.Net;
using System.Net.Sockets;
using Baton.Testing.Faults;

namespace Baton.Faults.Tests.Proxy;

/// <summary>The proxy itself over real loopback sockets: bytes pass intact, and a fault lands at exactly the planned byte.</summary>
[Trait("Speed", "Slow")]
public sealed class FaultProxyTests : IAsyncDisposable
{
    private readonly TcpListener _target = new(IPAddress.Loopback, 0);

    public FaultProxyTests() => _target.Start();

    private int TargetPort => ((IPEndPoint)_target.LocalEndpoint).Port;

    public ValueTask DisposeAsync()
    {
        _target.Stop();
        _target.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Passes_bytes_intact_in_both_directions()
    {
        var request = Bytes(3_000_001, 1);
        var response = Bytes(2_500_003, 2);
        await using var proxy = new FaultProxy(TargetPort, _ => FaultPlan.Pass);
        var server = ServeOnceAsync(response);
        using var client = await ConnectAsync(proxy);

        var received = ReadToEndAsync(client);
        await client.SendAsync(request);
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal(response, await received);
        Assert.Equal(request, await server);
        Assert.Equal(request.Length, proxy.BytesToServer);
        Assert.Equal(response.Length, proxy.BytesToClient);
        Assert.Equal(0, proxy.FaultsFired);
    }

    [Theory]
    [InlineData(FaultKind.Cut, 0)]
    [InlineData(FaultKind.Cut, 777_777)]
    [InlineData(FaultKind.Reset, 65_536)]
    [InlineData(FaultKind.Reset, 1_000_001)]
    public async Task A_fault_toward_the_server_lets_exactly_N_bytes_through(FaultKind kind, long after)
    {
        var request = Bytes(2_000_000, 3);
        await using var proxy = new FaultProxy(TargetPort, _ => new FaultPlan(kind, FaultDirection.ToServer, after));
        var server = ServeOnceAsync([]);
        using var client = await ConnectAsync(proxy);

        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            // Keep writing until the proxy's close reaches the client as an error (EPIPE / ECONNRESET).
            for (var i = 0; i < 100; i++)
            {
                await client.SendAsync(request);
            }
        });

        var delivered = await server;
        Assert.Equal(after, proxy.BytesToServer);
        if (kind == FaultKind.Cut)
        {
            Assert.Equal(request[..(int)after], delivered);
        }
        else
        {
            // An RST may discard what the target had not read yet; what it did read is the exact prefix.
            Assert.Equal(request[..delivered.Length], delivered);
        }
        Assert.Equal(1, proxy.FaultsFired);
    }

    [Theory]
    [InlineData(FaultKind.Cut, 1)]
    [InlineData(FaultKind.Cut, 1_234_567)]
    [InlineData(FaultKind.Reset, 300_000)]
    public async Task A_fault_toward_the_client_delivers_exactly_N_bytes_then_ends_the_stream(FaultKind kind, long after)
    {
        var response = Bytes(2_000_000, 4);
        await using var proxy = new FaultProxy(TargetPort, _ => new FaultPlan(kind, FaultDirection.ToClient, after));
        var server = ServeOnceAsync(response);
        using var client = await ConnectAsync(proxy);

        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var reset = false;
        try
        {
            int read;
            while ((read = await client.ReceiveAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            reset = true;
        }

        Assert.Equal(kind == FaultKind.Reset, reset);
        if (kind == FaultKind.Cut)
        {
            // A reset may discard bytes still in the receive queue; a FIN never does.
            Assert.Equal(response[..(int)after], received.ToArray());
        }
        Assert.Equal(after, proxy.BytesToClient);
        await server;
    }

    [Fact]
    public async Task A_stall_delays_then_delivers_every_byte()
    {
        var response = Bytes(500_000, 5);
        var stall = TimeSpan.FromMilliseconds(600);
        await using var proxy = new FaultProxy(TargetPort, _ => new FaultPlan(FaultKind.Stall, FaultDirection.ToClient, 100_000, stall));
        var server = ServeOnceAsync(response);
        using var client = await ConnectAsync(proxy);
        client.Shutdown(SocketShutdown.Send);
        var started = DateTime.UtcNow;

        var received = await ReadToEndAsync(client);

        Assert.Equal(response, received);
        Assert.True(DateTime.UtcNow - started >= stall - TimeSpan.FromMilliseconds(20), "the stall did not hold the bytes back");
        Assert.Empty(await server);
    }

    [Fact]
    public async Task A_hold_stops_at_N_until_released()
    {
        var request = Bytes(1_000_000, 6);
        await using var proxy = new FaultProxy(TargetPort, _ => FaultPlan.Hold(FaultDirection.ToServer, 400_000));
        var server = ServeOnceAsync([]);
        using var client = await ConnectAsync(proxy);
        var sending = client.SendAsync(request);

        await proxy.WaitUntilAsync(p => p.HoldsReached == 1, TimeSpan.FromSeconds(10), "hold reached");
        Assert.Equal(400_000, proxy.BytesToServer);
        proxy.ReleaseHolds();
        await sending;
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal(request, await server);
    }

    [Fact]
    public void Plans_are_a_function_of_the_seed()
    {
        static string Plans(int seed)
        {
            var random = new Random(seed);
            return string.Join("; ", Enumerable.Range(0, 50).Select(_ => FaultPlan.Random(random, 10_000_000, 5_000)));
        }

        Assert.Equal(Plans(42), Plans(42));
        Assert.NotEqual(Plans(42), Plans(43));
        Assert.Contains("cut", Plans(42));
        Assert.Contains("reset", Plans(42));
        Assert.Contains("stall", Plans(42));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<Socket> ConnectAsync(FaultProxy proxy)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, proxy.Port);
        return socket;
    }

    /// <summary>Accepts one connection, sends <paramref name="response"/>, and returns every byte received until the stream
    /// ends or fails (a send the proxy cut short is not an error here).</summary>
    private async Task<byte[]> ServeOnceAsync(byte[] response)
    {
        using var socket = await _target.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var sending = response.Length > 0 ? socket.SendAsync(response) : Task.FromResult(0);
        var received = await ReadToEndAsync(socket, tolerateFailure: true);
        try
        {
            await sending;
        }
        catch (SocketException)
        {
        }
        return received;
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket, bool tolerateFailure = false)
    {
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException) when (tolerateFailure)
        {
        }
        return received.ToArray();
    }
}
