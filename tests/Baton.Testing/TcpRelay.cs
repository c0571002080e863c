using System.Net;
using System.Net.Sockets;

namespace Baton.Testing;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the S3 engine, so a test can take the engine away (<see cref="Stop"/>: connections
/// reset, new ones refused — what a stopped or unreachable engine looks like) and bring it back on the same port.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;

    public TcpRelay(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        Start(0);
    }

    public int Port { get; private set; }

    private int _gets;
    private int _heads;

    /// <summary>Request lines seen going to the engine since the last <see cref="ResetCounts"/> (a scan of the client's bytes for
    /// <c>GET /</c> and <c>HEAD /</c>: exact for requests without bodies, which is what a download sends).</summary>
    public (int Gets, int Heads) Requests => (Volatile.Read(ref _gets), Volatile.Read(ref _heads));

    private int _copies;
    private int _copyLimit = int.MaxValue;

    /// <summary>
    /// Lets exactly <paramref name="limit"/> server-side copies (requests carrying <c>x-amz-copy-source</c>) reach the engine, as if
    /// it died right after them: from the next one on the relay takes no new connections, and a connection that carries a further
    /// copy is reset before it is forwarded. Copies already let through keep their connections and get their answers.
    /// </summary>
    public void StopAfterCopies(int limit)
    {
        Interlocked.Exchange(ref _copies, 0);
        Volatile.Write(ref _copyLimit, limit);
    }

    public void ResetCounts()
    {
        Interlocked.Exchange(ref _gets, 0);
        Interlocked.Exchange(ref _heads, 0);
    }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    /// <summary>Listens again on the same port.</summary>
    public void Start()
    {
        Volatile.Write(ref _copyLimit, int.MaxValue);
        Start(Port);
    }

    private void Start(int port)
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener, _stop.Token);
    }

    /// <summary>Stops listening and resets every relayed connection.</summary>
    public void Stop()
    {
        _stop?.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                try
                {
                    // Linger 0: the close is a reset, as when the engine's process dies.
                    client.Client?.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                }
                client.Dispose();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(inbound, stop);
        }
    }

    private async Task RelayAsync(TcpClient inbound, CancellationToken stop)
    {
        var outbound = new TcpClient();
        lock (_open)
        {
            _open.Add(inbound);
            _open.Add(outbound);
        }
        try
        {
            await outbound.ConnectAsync(_target, stop);
            await Task.WhenAny(
                CountingCopyAsync(inbound.GetStream(), outbound.GetStream(), stop),
                outbound.GetStream().CopyToAsync(inbound.GetStream(), stop));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(inbound);
                _open.Remove(outbound);
            }
            inbound.Dispose();
            outbound.Dispose();
        }
    }

    private async Task CountingCopyAsync(Stream from, Stream to, CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        var carry = Array.Empty<byte>();
        for (int read; (read = await from.ReadAsync(buffer, stop)) > 0;)
        {
            // Scan this piece with the last few bytes of the previous one, so a request line split across reads counts once.
            var window = carry.Concat(buffer.Take(read)).ToArray();
            Interlocked.Add(ref _gets, Count(window, "GET /"u8, carry.Length));
            Interlocked.Add(ref _heads, Count(window, "HEAD /"u8, carry.Length));
            if (Interlocked.Add(ref _copies, Count(window, "x-amz-copy-source:"u8, carry.Length)) > Volatile.Read(ref _copyLimit))
            {
                _listener?.Stop();
                return; // not forwarded; the caller resets this connection
            }
            carry = window[Math.Max(0, window.Length - 17)..];
            await to.WriteAsync(buffer.AsMemory(0, read), stop);
        }
    }

    /// <summary>Occurrences of <paramref name="pattern"/> in <paramref name="window"/> that end past <paramref name="seen"/>.</summary>
    private static int Count(byte[] window, ReadOnlySpan<byte> pattern, int seen)
    {
        var count = 0;
        for (var i = 0; i + pattern.Length <= window.Length; i++)
        {
            if (i + pattern.Length > seen && window.AsSpan(i, pattern.Length).SequenceEqual(pattern))
            {
                count++;
            }
        }
        return count;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _stop?.Dispose();
        return ValueTask.CompletedTask;
    }
}
