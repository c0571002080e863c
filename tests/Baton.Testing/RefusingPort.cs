using System.Net;
using System.Net.Sockets;

namespace Baton.Testing;

/// <summary>
/// A port on 127.0.0.1 where connections are refused for as long as this is held: a socket bound there that never listens. A port
/// that was merely free a moment ago (<see cref="FreePort"/>) can be taken by a server another test starts meanwhile — a "refused"
/// test then got that server's 404 (seen in a full-suite run).
/// </summary>
public sealed class RefusingPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusingPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
