using System.Security.Cryptography;
using System.Text;
using Baton.Protocol.Ranges;
using Microsoft.AspNetCore.Http;
using Baton.Storage.Files;

namespace Baton.Server.Downloads;

/// <summary>
/// A <c>multipart/byteranges</c> body (RFC 9110 §14.6): each part carries its own Content-Type and Content-Range, parts in the
/// order given. The length is known before the first byte, so the response has a Content-Length.
/// </summary>
public sealed class MultipartByteRanges
{
    private readonly byte[][] _partHeaders;
    private readonly byte[] _closing;
    private readonly ByteRange[] _ranges;

    public MultipartByteRanges(ByteRange[] ranges, long completeLength, string partContentType)
    {
        _ranges = ranges;
        // A random boundary cannot be predicted by whoever wrote the file, so it cannot occur in the content by design.
        Boundary = "baton-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _partHeaders = new byte[ranges.Length][];
        for (var i = 0; i < ranges.Length; i++)
        {
            // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1); the first part has none.
            var prefix = i == 0 ? "" : "\r\n";
            _partHeaders[i] = Encoding.ASCII.GetBytes(
                $"{prefix}--{Boundary}\r\nContent-Type: {partContentType}\r\nContent-Range: {ranges[i].ToContentRange(completeLength)}\r\n\r\n");
        }
        _closing = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
        ContentLength = _closing.Length + _partHeaders.Sum(h => (long)h.Length) + ranges.Sum(r => r.Length);
    }

    public string Boundary { get; }

    public string ContentType => "multipart/byteranges; boundary=" + Boundary;

    public long ContentLength { get; }

    public async Task<BodyOutcome> WriteAsync(IFileReader reader, HttpResponse response, DownloadBuffers.Share share, CancellationToken cancellation)
    {
        await FileBody.StartAsync(response, cancellation);
        for (var i = 0; i < _ranges.Length; i++)
        {
            var written = await response.BodyWriter.WriteAsync(_partHeaders[i], cancellation);
            if (written.IsCanceled || written.IsCompleted)
            {
                return BodyOutcome.ClientGone;
            }
            var outcome = await FileBody.CopyAsync(reader, _ranges[i].First, _ranges[i].Length, response, share, cancellation);
            if (outcome != BodyOutcome.Sent)
            {
                return outcome;
            }
        }
        var closed = await response.BodyWriter.WriteAsync(_closing, cancellation);
        return closed.IsCanceled || closed.IsCompleted ? BodyOutcome.ClientGone : BodyOutcome.Sent;
    }
}
