using System.Net.Sockets;
using System.Text;

namespace Baton.Testing;

/// <summary>
/// One HTTP/1.1 request written byte for byte on a TCP socket, so the request target reaches the server exactly as given
/// (HttpClient would normalise dot segments and escapes away).
/// </summary>
public static class RawHttp
{
    public sealed record Response(int Status, string Head, byte[] Body)
    {
        public string BodyText => Encoding.UTF8.GetString(Body);
    }

    public static async Task<Response> SendAsync(Uri server, string method, string target, string? extraHeaders = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var request = $"{method} {target} HTTP/1.1\r\nHost: {server.Host}:{server.Port}\r\nConnection: close\r\n{extraHeaders}\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var all = new MemoryStream();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stream.CopyToAsync(all, cts.Token);
        var bytes = all.ToArray();
        var split = IndexOf(bytes, "\r\n\r\n"u8);
        var head = Encoding.Latin1.GetString(bytes, 0, split < 0 ? bytes.Length : split);
        var body = split < 0 ? [] : bytes[(split + 4)..];
        var status = head.Length >= 12 ? int.Parse(head.AsSpan(9, 3)) : 0;
        return new Response(status, head, body);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
