using System.Net;
using System.Net.Sockets;

namespace Baton.Testing.Faults;

/// <summary>
/// A user-space TCP proxy on 127.0.0.1 that forwards every accepted connection to a target port and applies to each a
/// <see cref="FaultPlan"/> (cut, reset, stall or hold after an exact byte count). The plan for the n-th connection comes from
/// the caller (seeded, so a failing run is reproducible). Counters and a change signal let tests wait on what really
/// happened on the wire instead of sleeping.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, FaultPlan> _planFor;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, ProxiedConnection> _live = new();
    private readonly Task _accepting;
    private TaskCompletionSource _changed = NewSignal();
    private TaskCompletionSource _release = NewSignal();
    private long _bytesToServer;
    private long _bytesToClient;
    private int _accepted;
    private int _faultsFired;
    private int _holdsReached;

    /// <param name="targetPort">Port on 127.0.0.1 every connection is forwarded to (read per connection: see <see cref="TargetPort"/>).</param>
    /// <param name="planFor">The plan for the connection with the given 0-based accept index.</param>
    /// <param name="log">Receives one line per connection (its plan) and per fault fired.</param>
    public FaultProxy(int targetPort, Func<int, FaultPlan> planFor, Action<string>? log = null)
    {
        TargetPort = targetPort;
        _planFor = planFor;
        _log = log ?? (_ => { });
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>The port new connections are forwarded to; a restarted server may listen on another.</summary>
    public int TargetPort { get; set; }

    /// <summary>Sees every byte after it was delivered; set before traffic starts.</summary>
    public ForwardedBytes? Observer { get; init; }

    public long BytesToServer => Interlocked.Read(ref _bytesToServer);

    public long BytesToClient => Interlocked.Read(ref _bytesToClient);

    public int Connections => Volatile.Read(ref _accepted);

    public int FaultsFired => Volatile.Read(ref _faultsFired);

    public int HoldsReached => Volatile.Read(ref _holdsReached);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking each time a counter of this proxy changes.</summary>
    public async Task WaitUntilAsync(Func<FaultProxy, bool> condition, TimeSpan timeout, string what, CancellationToken cancellation = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        cts.CancelAfter(timeout);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition(this))
            {
                return;
            }
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                throw new TimeoutException($"proxy: not reached within {timeout}: {what} (to server {BytesToServer} B, to client {BytesToClient} B, " +
                    $"{Connections} connections, {FaultsFired} faults)");
            }
        }
    }

    /// <summary>Ends connection <paramref name="connection"/> now (FIN, or RST with <paramref name="reset"/>), wherever its bytes
    /// are: called from <see cref="Observer"/>, it lands right after the bytes just forwarded and before any answer to them.</summary>
    public void Cut(int connection, bool reset)
    {
        if (_live.TryGetValue(connection, out var live))
        {
            _log($"proxy: connection {connection}: {(reset ? "reset" : "cut")} by the test");
            live.Close(reset);
        }
    }

    /// <summary>Lets every connection waiting at a <see cref="FaultKind.Hold"/> continue.</summary>
    public void ReleaseHolds() => Interlocked.Exchange(ref _release, NewSignal()).TrySetResult();

    internal Task Released => Volatile.Read(ref _release).Task;

    internal CancellationToken Stopping => _stopping.Token;

    internal void Log(string line) => _log(line);

    internal void Forwarded(int connection, FaultDirection direction, ReadOnlySpan<byte> bytes)
    {
        Observer?.Invoke(connection, direction, bytes);
        Interlocked.Add(ref direction == FaultDirection.ToServer ? ref _bytesToServer : ref _bytesToClient, bytes.Length);
        Signal();
    }

    internal void FaultFired(int connection, FaultPlan plan)
    {
        Interlocked.Increment(ref _faultsFired);
        if (plan.Kind == FaultKind.Hold)
        {
            Interlocked.Increment(ref _holdsReached);
        }
        _log($"proxy: connection {connection}: {plan} fired");
        Signal();
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var index = Interlocked.Increment(ref _accepted) - 1;
            var plan = _planFor(index);
            _log($"proxy: connection {index}: {plan}");
            Signal();
            lock (_connections)
            {
                var connection = new ProxiedConnection(this, index, client, plan);
                _live[index] = connection;
                _connections.Add(RunAsync(index, connection));
            }
        }
    }

    private async Task RunAsync(int index, ProxiedConnection connection)
    {
        await connection.RunAsync(TargetPort);
        _live.TryRemove(index, out _);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        ReleaseHolds();
        await _accepting;
        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }
        await Task.WhenAll(running);
        _stopping.Dispose();
    }
}
