using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Baton.Testing;

/// <summary>
/// A deliberately faulty HTTP/1.1 file server on raw sockets (127.0.0.1, port chosen by the OS) serving one file at any path,
/// with a strong ETag and Last-Modified. One request per connection (<c>Connection: close</c>), streamed from disk.
/// </summary>
public sealed class FaultyFileServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly string _file;
    private readonly FaultyServerMode _mode;
    private readonly Random _random;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _requests;
    private int _drops;
    private int _stalls;

    public FaultyFileServer(string file, FaultyServerMode mode, int seed = 7)
    {
        _file = file;
        _mode = mode;
        _random = new Random(seed);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Responses cut off before their end.</summary>
    public int Drops => Volatile.Read(ref _drops);

    /// <summary>Responses that stopped sending without closing.</summary>
    public int Stalls => Volatile.Read(ref _stalls);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var headers = await ReadHeadAsync(stream);
            if (headers is null)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            var length = new FileInfo(_file).Length;
            var (start, end) = (0L, length - 1);
            var ranges = _mode != FaultyServerMode.IgnoreRange;
            var partial = ranges && TryRange(headers, length, out start, out end);
            var head = new StringBuilder();
            head.Append(partial ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n");
            head.Append("ETag: \"v1\"\r\nLast-Modified: Tue, 24 Nov 2026 12:00:00 GMT\r\nConnection: close\r\n");
            head.Append("Content-Type: application/octet-stream\r\n");
            if (ranges)
            {
                head.Append("Accept-Ranges: bytes\r\n");
            }
            if (partial)
            {
                head.Append(CultureInfo.InvariantCulture, $"Content-Range: bytes {start}-{end}/{length}\r\n");
            }
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {end - start + 1}\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);
            if (headers.StartsWith("HEAD ", StringComparison.Ordinal))
            {
                return;
            }
            var count = end - start + 1;
            long cut;
            lock (_random)
            {
                // Two of three responses longer than 64 KiB break somewhere in their body.
                cut = _mode == FaultyServerMode.DropConnections && count > 65536 && _random.Next(3) > 0
                    ? _random.NextInt64(1024, count)
                    : count;
            }
            if (_mode == FaultyServerMode.StallOnce && count > 65536 && Interlocked.CompareExchange(ref _stalls, 1, 0) == 0)
            {
                await CopyAsync(stream, start, 65536);
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
            await CopyAsync(stream, start, cut);
            if (cut < count)
            {
                Interlocked.Increment(ref _drops);
                socket.LingerState = new LingerOption(true, 0); // RST: an abrupt drop, not a clean close
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
        }
    }

    private async Task CopyAsync(Stream destination, long start, long count)
    {
        var buffer = new byte[64 * 1024];
        await using var file = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Position = start;
        while (count > 0)
        {
            var n = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), _stop.Token);
            if (n == 0)
            {
                return;
            }
            await destination.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            count -= n;
        }
    }

    private static async Task<string?> ReadHeadAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 16384)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }
            bytes.Add(one[0]);
            var n = bytes.Count;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray());
            }
        }
        return null;
    }

    /// <summary>A single <c>bytes=a-b</c> or <c>bytes=a-</c> range; anything else is served whole.</summary>
    private static bool TryRange(string head, long length, out long start, out long end)
    {
        start = 0;
        end = length - 1;
        foreach (var line in head.Split("\r\n"))
        {
            if (!line.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var spec = line["Range:".Length..].Trim();
            if (!spec.StartsWith("bytes=", StringComparison.Ordinal) || spec.Contains(','))
            {
                return false;
            }
            var parts = spec[6..].Split('-');
            if (!long.TryParse(parts[0], out start) || start >= length)
            {
                return false;
            }
            end = parts[1].Length == 0 ? length - 1 : Math.Min(long.Parse(parts[1], CultureInfo.InvariantCulture), length - 1);
            return end >= start;
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
