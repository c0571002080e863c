using System.Net.Sockets;

namespace Baton.Testing;

/// <summary>Waits until a peer process accepts TCP connections on 127.0.0.1 (for programs that print nothing when ready, like nginx).</summary>
public static class PortWaiter
{
    /// <summary>Polls with a deadline; fails early with the process's output if it exits first.</summary>
    public static async Task WaitAsync(int port, RunningProcess process, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the peer exited before listening on {port}: {process.Output} {diagnostics?.Invoke()}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
