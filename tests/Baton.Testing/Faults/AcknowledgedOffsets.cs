using System.Text;
using System.Text.RegularExpressions;
using Baton.Protocol.Tus;

namespace Baton.Testing.Faults;

/// <summary>
/// Reads the HTTP/1.1 heads passing a <see cref="FaultProxy"/> (request lines to the server, response heads to the client) and
/// records every <c>Upload-Offset</c> a 2xx response delivered, keyed by the upload's path. Requests and responses are paired
/// in order per connection (no pipelining here); 1xx interim responses (104 Upload Resumption Supported) do not consume a request.
/// </summary>
public sealed partial class AcknowledgedOffsets
{
    private const int MaxCarry = 8192;
    private readonly Dictionary<(int, FaultDirection), StringBuilder> _pending = [];
    private readonly Dictionary<int, Queue<(string Method, string Path)>> _requests = [];
    private readonly List<Acknowledgement> _acknowledged = [];

    public IReadOnlyList<Acknowledgement> All
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }
    }

    public void Observe(int connection, FaultDirection direction, ReadOnlySpan<byte> bytes)
    {
        lock (_pending)
        {
            if (!_pending.TryGetValue((connection, direction), out var text))
            {
                _pending[(connection, direction)] = text = new StringBuilder();
            }
            text.Append(Encoding.Latin1.GetString(bytes));
            var consumed = direction == FaultDirection.ToServer ? ReadRequests(connection, text.ToString()) : ReadResponses(connection, text.ToString());
            text.Remove(0, consumed);
            if (text.Length > MaxCarry)
            {
                // Body bytes (uploads, problem documents): keep only what could be the start of a head split across reads.
                text.Remove(0, text.Length - MaxCarry);
            }
            if (direction == FaultDirection.ToServer && _pending.TryGetValue((connection, FaultDirection.ToClient), out var held) && held.Length > 0)
            {
                // A response seen before its request (below) is paired now.
                held.Remove(0, ReadResponses(connection, held.ToString()));
            }
        }
    }

    private int ReadRequests(int connection, string text)
    {
        var end = 0;
        foreach (Match match in RequestLine().Matches(text))
        {
            Requests(connection).Enqueue((match.Groups[1].Value, PathOf(match.Groups[2].Value)));
            end = match.Index + match.Length;
        }
        return end;
    }

    private int ReadResponses(int connection, string text)
    {
        var end = 0;
        foreach (Match match in ResponseHead().Matches(text))
        {
            var queue = Requests(connection);
            if (!queue.TryPeek(out var request))
            {
                // The proxy reports bytes after forwarding them, each direction from its own pump: the server's answer can be
                // reported before the request it answers. It waits here, unconsumed, for that request (paired in Observe);
                // skipping it would pair every later response with the request before it.
                return end;
            }
            end = match.Index + match.Length;
            var status = int.Parse(match.Groups[1].Value);
            var fields = Fields(match.Groups[2].Value);
            if (status >= 200)
            {
                queue.Dequeue();
            }
            if (status is < 200 or > 299 || !fields.TryGetValue(TusHeaders.UploadOffset, out var offset))
            {
                continue;
            }
            var upload = request.Method == "POST" && fields.TryGetValue(Microsoft.Net.Http.Headers.HeaderNames.Location, out var location) ? PathOf(location) : request.Path;
            lock (_acknowledged)
            {
                _acknowledged.Add(new Acknowledgement(_acknowledged.Count, upload, request.Method, status, long.Parse(offset)));
            }
        }
        return end;
    }

    private Queue<(string Method, string Path)> Requests(int connection)
    {
        if (!_requests.TryGetValue(connection, out var queue))
        {
            _requests[connection] = queue = new Queue<(string Method, string Path)>();
        }
        return queue;
    }

    private static Dictionary<string, string> Fields(string head)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        return fields;
    }

    private static string PathOf(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute.AbsolutePath
            : target.Split('?')[0];

    [GeneratedRegex(@"(GET|HEAD|POST|PATCH|PUT|DELETE|OPTIONS) (/\S*|https?://\S+) HTTP/1\.1\r\n")]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})[^\r\n]*\r\n((?:[^\r\n]+\r\n)*)\r\n")]
    private static partial Regex ResponseHead();
}
