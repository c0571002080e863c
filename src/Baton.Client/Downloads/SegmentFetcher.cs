using Baton.Client.Requests;
using System.Net;
using System.Net.Http.Headers;
using Baton.Client.Transfers;
using Baton.Protocol.Fields;
using Microsoft.Win32.SafeHandles;
using Polly;

namespace Baton.Client.Downloads;

/// <summary>
/// Downloads segments into the preallocated <c>.part</c> file at their offsets. Every request carries If-Range, and every 206 is
/// checked (RFC 9110 §14.4, §15.3.7): the Content-Range must start where asked, end within the request, and give the same complete
/// length; anything else would splice two versions of the file, so it stops the download instead.
/// </summary>
internal sealed class SegmentFetcher(
    HttpClient http,
    ResourceLocation location,
    RemoteResource remote,
    SegmentMap map,
    SafeFileHandle file,
    TokenBucket? bucket,
    ResiliencePipeline pipeline,
    DownloadOptions options,
    int bufferSize)
{
    private const int MaxRefreshes = 5;
    private int _active;

    public int ActiveConnections => Volatile.Read(ref _active);

    /// <summary>One connection: takes segments (stealing when none is free) until the map is complete.</summary>
    public async Task RunConnectionAsync(CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            while (map.TryTake() is { } segment)
            {
                Interlocked.Increment(ref _active);
                try
                {
                    await FetchSegmentAsync(segment, buffer, cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _active);
                    map.Release(segment);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task FetchSegmentAsync(Segment segment, byte[] buffer, CancellationToken cancellationToken)
    {
        while (!segment.IsComplete)
        {
            // Each pipeline run retries only failures that made no progress: a connection that delivered bytes keeps them
            // and starts a fresh retry budget, so a flaky link still finishes while a dead one gives up after N retries.
            await pipeline.ExecuteAsync(async token =>
            {
                var before = segment.Written;
                try
                {
                    await FetchOnceAsync(segment, buffer, token);
                }
                catch (Exception e) when (RetryPolicy.IsTransient(e) && segment.Written > before)
                {
                }
            }, cancellationToken);
        }
    }

    private async Task FetchOnceAsync(Segment segment, byte[] buffer, CancellationToken cancellationToken)
    {
        var start = map.Rewind(segment);
        var last = segment.End - 1;
        if (start > last)
        {
            return;
        }
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var (response, received) = await RequestAsync(start, last, stall, cancellationToken);
        using (response)
        {
            var stream = await response.Content.ReadAsStreamAsync(stall.Token);
            var position = start;
            while (position <= received)
            {
                stall.CancelAfter(options.StallTimeout);
                int n;
                try
                {
                    n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(bufferSize, received - position + 1)), stall.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"no bytes for {options.StallTimeout.TotalSeconds:0} s");
                }
                if (n == 0)
                {
                    throw new IOException("the connection closed before the range was complete");
                }
                var allowed = map.Claim(segment, n);
                if (allowed > 0)
                {
                    if (bucket is not null)
                    {
                        await bucket.TakeAsync(allowed, cancellationToken);
                    }
                    WriteAt(buffer.AsSpan(0, allowed), position);
                    position += allowed;
                    map.Commit(segment, position);
                }
                if (allowed < n || segment.IsComplete)
                {
                    // Another connection stole the rest of this segment.
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Sends the range request; when a redirected (signed) URL has expired, asks the original URL for a fresh one and tries again
    /// at once — an expiry is not a failure of the network and does not use up retries.
    /// </summary>
    private async Task<(HttpResponseMessage Response, long Last)> RequestAsync(long start, long last, CancellationTokenSource stall,
        CancellationToken cancellationToken)
    {
        for (var refreshes = 0; ; refreshes++)
        {
            var url = location.Current;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(start, last);
            if (remote.IfRange is { } ifRange)
            {
                request.Headers.TryAddWithoutValidation(BatonFieldNames.IfRange, ifRange);
            }
            stall.CancelAfter(options.StallTimeout);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no response within {options.StallTimeout.TotalSeconds:0} s");
            }
            long? received;
            try
            {
                received = CheckResponse(response, url, start, last);
            }
            catch
            {
                response.Dispose();
                throw;
            }
            if (received is { } end)
            {
                return (response, end);
            }
            response.Dispose();
            if (refreshes >= MaxRefreshes)
            {
                throw new TransientHttpException($"{url} keeps expiring", 403);
            }
            await location.RefreshAsync(url, cancellationToken);
        }
    }

    private void WriteAt(ReadOnlySpan<byte> bytes, long position)
    {
        try
        {
            RandomAccess.Write(file, bytes, position);
        }
        catch (IOException e)
        {
            // A local disk error is not a network failure: retrying the request cannot fix it.
            throw new TransferException(TransferFailure.LocalIo, $"writing the part file failed: {e.Message}", e);
        }
    }

    /// <summary>The last byte the response will deliver, null when the signed URL expired, or an exception.</summary>
    private long? CheckResponse(HttpResponseMessage response, Uri url, long start, long last)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent:
                var range = RemoteProbe.ParseContentRange(response);
                if (range is not { IsUnsatisfied: false } r)
                {
                    throw new TransferException(TransferFailure.Protocol, $"{url}: 206 without a valid Content-Range");
                }
                if (r.CompleteLength != remote.Length)
                {
                    throw new RemoteChangedException($"the file's length changed from {remote.Length} to {r.CompleteLength?.ToString() ?? "unknown"}");
                }
                if (RemoteProbe.ParseETag(response) is { } tag && remote.ETag is { IsWeak: false } expected && !tag.StrongEquals(expected))
                {
                    throw new RemoteChangedException($"the file's entity tag changed from {expected} to {tag}");
                }
                if (r.First != start || r.Last > last)
                {
                    throw new TransferException(TransferFailure.Protocol, $"{url}: asked for bytes {start}-{last}, server sent {r}");
                }
                return r.Last!.Value;
            case HttpStatusCode.OK:
                // If-Range failed (RFC 9110 §13.1.5) or the server stopped honouring Range: these bytes may be another version.
                throw new RemoteChangedException("the server answered a range request with the whole file: it changed or ignores ranges");
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                throw new RemoteChangedException("the server says the range no longer exists: the file shrank");
            case HttpStatusCode.Forbidden or HttpStatusCode.Gone when location.IsRedirected && url != location.Original:
                return null;
            default:
                throw RemoteProbe.StatusFailure(url, response);
        }
    }
}
