using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Baton.Testing.Faults;

/// <summary>One client connection of a <see cref="FaultProxy"/>: two pumps (to the server, to the client) and the plan's fault.</summary>
internal sealed class ProxiedConnection(FaultProxy proxy, int index, Socket client, FaultPlan plan)
{
    private readonly Socket _server = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _closed = CancellationTokenSource.CreateLinkedTokenSource(proxy.Stopping);
    private int _closing;

    public async Task RunAsync(int targetPort)
    {
        client.NoDelay = true;
        _server.NoDelay = true;
        try
        {
            await _server.ConnectAsync(new IPEndPoint(IPAddress.Loopback, targetPort), _closed.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // The target is down (a killed server): the client sees its connection reset, as with a direct connection refused.
            Close(reset: true);
            Dispose();
            return;
        }
        await Task.WhenAll(PumpAsync(client, _server, FaultDirection.ToServer), PumpAsync(_server, client, FaultDirection.ToClient));
        Close(reset: false);
        Dispose();
    }

    private async Task PumpAsync(Socket from, Socket to, FaultDirection direction)
    {
        var armed = plan.Kind != FaultKind.Pass && plan.Direction == direction;
        long forwarded = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _closed.Token);
                if (read == 0)
                {
                    // Half-close: pass the end of this stream on and keep the other direction flowing.
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                var offset = 0;
                while (offset < read || (armed && forwarded == plan.AfterBytes))
                {
                    var take = read - offset;
                    if (armed)
                    {
                        take = (int)Math.Min(take, plan.AfterBytes - forwarded);
                    }
                    if (take > 0)
                    {
                        await SendAllAsync(to, buffer.AsMemory(offset, take));
                        proxy.Forwarded(index, direction, buffer.AsSpan(offset, take));
                        forwarded += take;
                        offset += take;
                    }
                    if (armed && forwarded == plan.AfterBytes)
                    {
                        armed = false;
                        if (!await FireAsync())
                        {
                            return;
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // One side failed or went away abruptly: pass that on to the other side as an abort.
            Close(reset: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Applies the fault; false when the connection is gone afterwards.</summary>
    private async Task<bool> FireAsync()
    {
        // Taken before the hold is announced: a test that sees HoldsReached and releases at once completes this signal. Read
        // after FaultFired, it could already be the next one, which nobody releases (a hang seen in a full-suite run).
        var released = proxy.Released;
        proxy.FaultFired(index, plan);
        switch (plan.Kind)
        {
            case FaultKind.Cut:
                Close(reset: false);
                return false;
            case FaultKind.Reset:
                Close(reset: true);
                return false;
            case FaultKind.Stall:
                // The stall is the fault being injected (a frozen path), not a wait for anything.
                await Task.Delay(plan.StallFor, _closed.Token);
                if (plan.CutAfterStall)
                {
                    Close(reset: false);
                    return false;
                }
                return true;
            case FaultKind.Hold:
                await released.WaitAsync(_closed.Token);
                return true;
            default:
                return true;
        }
    }

    public void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }
        foreach (var socket in new[] { client, _server })
        {
            try
            {
                if (reset)
                {
                    // SO_LINGER with a zero timeout turns close() into an RST (RFC 9293 §3.10.7.1 abort).
                    socket.LingerState = new LingerOption(true, 0);
                }
                else if (socket.Connected)
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
            socket.Close();
        }
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Dispose()
    {
        client.Dispose();
        _server.Dispose();
        _closed.Dispose();
    }

    private async Task SendAllAsync(Socket to, ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await to.SendAsync(bytes, SocketFlags.None, _closed.Token);
            bytes = bytes[sent..];
        }
    }
}
