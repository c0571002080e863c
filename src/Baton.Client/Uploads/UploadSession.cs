using Baton.Client.Requests;
using Baton.Client.Transfers;
using Baton.Protocol.Tus;
using Polly;

namespace Baton.Client.Uploads;

/// <summary>
/// The parts of one upload and the server's acknowledged offset of each. A failed PATCH is followed by a HEAD (tus §HEAD) to learn
/// what the server kept; progress keeps a fresh retry budget, failures without progress use up the Polly retries.
/// </summary>
internal sealed class UploadSession(IUploadRequests requests, ResiliencePipeline pipeline, long size)
{
    private long _inFlight;

    public long[] Offsets { get; private set; } = [];

    /// <summary>Acknowledged bytes plus bytes on their way.</summary>
    public long BytesDone => Offsets.Sum(o => Interlocked.Read(ref o)) + Interlocked.Read(ref _inFlight);

    public int Active;

    /// <summary>HEADs every saved part; false (and no offsets) when any of them is gone, so the caller starts a new upload.</summary>
    public async Task<bool> ResumeAsync(IReadOnlyList<UploadPart> parts, CancellationToken cancellationToken)
    {
        var offsets = new long[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var offset = await RetryPolicy.RunAsync(pipeline, t => requests.HeadOffsetAsync(new Uri(part.Url), part.Length, t), new Uri(part.Url), cancellationToken);
            if (offset is null)
            {
                Offsets = [];
                return false;
            }
            offsets[i] = offset.Value;
        }
        Offsets = offsets;
        return true;
    }

    /// <summary>Creates the upload (or the partial uploads) and saves the state before the bulk of the bytes is sent.</summary>
    public async Task<UploadState> CreateAsync(Uri endpoint, FileInfo file, DateTimeOffset modified, UploadMetadata metadata, int parts,
        long firstChunk, string statePath, CancellationToken cancellationToken)
    {
        var created = new List<UploadPart>(parts);
        var offsets = new long[parts];
        Offsets = offsets;
        var partSize = size / parts;
        for (var i = 0; i < parts; i++)
        {
            var start = i * partSize;
            var length = i == parts - 1 ? size - start : partSize;
            var concat = parts > 1 ? "partial" : null;
            var (url, offset) = await RetryPolicy.RunAsync(pipeline,
                t => SendTrackedAsync(sent => requests.CreateAsync(endpoint, length, metadata, concat, start, firstChunk, sent, t)),
                endpoint, cancellationToken);
            created.Add(new UploadPart(url.AbsoluteUri, start, length));
            offsets[i] = offset;
        }
        return Save(endpoint, file, modified, created, statePath);
    }

    /// <summary>Takes over an upload created elsewhere (a digest-first creation the server did not complete) as the only part.</summary>
    public UploadState Adopt(Uri endpoint, FileInfo file, DateTimeOffset modified, Uri upload, long offset, string statePath)
    {
        Offsets = [offset];
        return Save(endpoint, file, modified, [new UploadPart(upload.AbsoluteUri, 0, size)], statePath);
    }

    private UploadState Save(Uri endpoint, FileInfo file, DateTimeOffset modified, List<UploadPart> parts, string statePath)
    {
        var state = new UploadState
        {
            Endpoint = endpoint.AbsoluteUri,
            FilePath = file.FullName,
            Size = size,
            Modified = modified,
            Parts = parts,
        };
        UploadStateStore.Save(statePath, state);
        return state;
    }

    public Task UploadAllAsync(IReadOnlyList<UploadPart> parts, long chunkSize, string? checksumAlgorithm, CancellationToken cancellationToken) =>
        Task.WhenAll(parts.Select((part, i) => Task.Run(() => UploadPartAsync(part, i, chunkSize, checksumAlgorithm, cancellationToken), cancellationToken)));

    private async Task UploadPartAsync(UploadPart part, int index, long chunkSize, string? checksumAlgorithm, CancellationToken cancellationToken)
    {
        var url = new Uri(part.Url);
        Interlocked.Increment(ref Active);
        try
        {
            while (Offsets[index] < part.Length)
            {
                await RetryPolicy.RunAsync(pipeline, async t =>
                {
                    var before = Offsets[index];
                    try
                    {
                        var count = Math.Min(chunkSize, part.Length - before);
                        Offsets[index] = await SendTrackedAsync(sent => requests.PatchAsync(url, before, part.Offset + before, count, checksumAlgorithm, sent, t));
                    }
                    catch (Exception e) when (RetryPolicy.IsTransient(e))
                    {
                        var server = await requests.HeadOffsetAsync(url, part.Length, t)
                            ?? throw new TransferException(TransferFailure.NotFound, $"{url} no longer exists on the server");
                        Offsets[index] = server;
                        if (server <= before)
                        {
                            throw;
                        }
                    }
                    return true;
                }, url, cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref Active);
        }
    }

    /// <summary>Counts bytes of one request as in flight until it ends (acknowledged bytes then show up in <see cref="Offsets"/>).</summary>
    private async Task<T> SendTrackedAsync<T>(Func<Action<int>, Task<T>> send)
    {
        long sent = 0;
        try
        {
            return await send(n =>
            {
                sent += n;
                Interlocked.Add(ref _inFlight, n);
            });
        }
        finally
        {
            Interlocked.Add(ref _inFlight, -sent);
        }
    }
}
