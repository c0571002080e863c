using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Baton.Protocol.Tus;

namespace Baton.Cluster.Tests.Rig;

/// <summary>
/// A tus PATCH from a sender on a thin line — <c>piece</c> bytes, then a pause — over a raw socket, so its request holds the
/// upload's lock for a long time and its answer is read the moment the server sends it, even mid-body (HttpClient keeps sending a
/// body after an early 2xx and reports the server's close as a failure instead of the answer).
/// </summary>
public sealed class SlowPatch : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private readonly TaskCompletionSource<long> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sent;

    private SlowPatch()
    {
    }

    /// <summary>Body bytes written to the socket so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Completes once <c>reachAt</c> body bytes are written: the test acts in the middle of the body.</summary>
    public Task<long> Reached => _reached.Task;

    /// <summary>The status and header fields of the answer (the body is not read).</summary>
    public Task<(int Status, IReadOnlyDictionary<string, string> Fields)> Response { get; private set; } = null!;

    public long Offset(IReadOnlyDictionary<string, string> fields) => long.Parse(fields[TusHeaders.UploadOffset], CultureInfo.InvariantCulture);

    public static async Task<SlowPatch> StartAsync(Uri server, string upload, long offset, ReadOnlyMemory<byte> body, int piece, TimeSpan pause, long reachAt)
    {
        var patch = new SlowPatch();
        await patch._client.ConnectAsync(server.Host, server.Port);
        var stream = patch._client.GetStream();
        var head = $"PATCH {upload} HTTP/1.1\r\nHost: {server.Authority}\r\n{TusHeaders.Resumable}: {TusHeaders.Version}\r\n" +
                   $"{TusHeaders.UploadOffset}: {offset}\r\nContent-Type: {TusHeaders.OffsetOctetStream}\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        patch.Response = ReadHeadAsync(stream);
        _ = patch.SendAsync(stream, body, piece, pause, reachAt);
        return patch;
    }

    private async Task SendAsync(NetworkStream stream, ReadOnlyMemory<byte> body, int piece, TimeSpan pause, long reachAt)
    {
        try
        {
            for (var at = 0; at < body.Length && !Response.IsCompleted; at += piece)
            {
                var count = Math.Min(piece, body.Length - at);
                await stream.WriteAsync(body.Slice(at, count));
                if (Interlocked.Add(ref _sent, count) >= reachAt)
                {
                    _reached.TrySetResult(Sent);
                }
                await Task.Delay(pause);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The server answered and closed: the answer is what counts.
        }
        _reached.TrySetResult(Sent);
    }

    private static async Task<(int, IReadOnlyDictionary<string, string>)> ReadHeadAsync(NetworkStream stream)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException($"the server closed the connection without an answer (got: {received})");
            }
            received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }
        var lines = received.ToString()[..received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        var fields = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return (int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture), fields);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
