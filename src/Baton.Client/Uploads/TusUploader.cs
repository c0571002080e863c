using Baton.Client.Downloads;
using Baton.Client.Transfers;
using Baton.Protocol.Tus;
using Polly;

namespace Baton.Client.Uploads;

/// <summary>
/// A tus 1.0 client for any tus server, using what its OPTIONS advertises: creation (with the first chunk when
/// creation-with-upload is offered), a checksum per chunk when the checksum extension is offered, and concatenation for
/// parallel parts. The upload URLs are saved in a per-user state file before any byte is sent, so a rerun after a crash
/// HEADs each upload and continues from the server's offset.
/// </summary>
public sealed class TusUploader(HttpClient http, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<UploadResult> UploadAsync(string filePath, Uri endpoint, UploadOptions? options = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new UploadOptions();
        options.Validate();
        var file = new FileInfo(filePath);
        if (!file.Exists)
        {
            throw new TransferException(TransferFailure.LocalIo, $"{filePath}: no such file");
        }
        var size = file.Length;
        var modified = new DateTimeOffset(file.LastWriteTimeUtc);
        var pipeline = RetryPipelines.Create(options.Retries, options.RetryDelay, _time, options.Notice);
        var capabilities = await RunStepAsync(pipeline, t => TusCapabilities.DiscoverAsync(http, endpoint, t), endpoint, cancellationToken);
        if (!capabilities.Creation)
        {
            throw new TransferException(TransferFailure.Protocol, $"{endpoint} does not offer the tus creation extension");
        }
        if (capabilities.MaxSize is { } max && size > max)
        {
            throw new TransferException(TransferFailure.HttpError, $"{file.Name} is {size} bytes; {endpoint} accepts at most {max} (Tus-Max-Size)");
        }
        var bucket = options.LimitBytesPerSecond is { } rate ? new TokenBucket(rate, _time) : null;
        var requests = new TusRequests(http, file.FullName, bucket, TimeSpan.FromSeconds(30));
        var statePath = new UploadStateStore(options.ResolveStateDirectory()).PathFor(file.FullName, size, modified, endpoint);
        var session = new UploadSession(requests, pipeline, size);

        var state = UploadStateStore.TryLoad(statePath);
        var resumed = false;
        if (state is not null)
        {
            if (state.Final is not null && await RunStepAsync(pipeline, t => requests.HeadOffsetAsync(new Uri(state.Final), size, t), endpoint, cancellationToken) == size)
            {
                UploadStateStore.Delete(statePath);
                return new UploadResult(new Uri(state.Final), requests.FileLocation ?? new Uri(state.Final), size, true, state.Parts.Count);
            }
            if (await session.ResumeAsync(state.Parts, cancellationToken))
            {
                resumed = session.Offsets.Sum() > 0;
            }
            else
            {
                state = null;
            }
        }
        using var reporter = new UploadProgressReporter(file.Name, size, session, _time, options.ProgressInterval, progress);
        if (state is null)
        {
            var metadata = UploadMetadata.FromStrings(Metadata(file, options));
            var parts = options.Parallel;
            if (parts > 1 && !capabilities.Concatenation)
            {
                options.Notice?.Invoke($"{endpoint} does not offer tus concatenation; uploading sequentially");
                parts = 1;
            }
            parts = (int)Math.Max(1, Math.Min(parts, size / Math.Max(1, options.ChunkSize) + 1));
            var firstChunk = parts == 1 && capabilities.CreationWithUpload ? Math.Min(size, options.ChunkSize) : 0;
            state = await session.CreateAsync(endpoint, file, modified, metadata, parts, firstChunk, statePath, cancellationToken);
        }

        await session.UploadAllAsync(state.Parts, options.ChunkSize, capabilities.ChecksumAlgorithm, cancellationToken);

        var uploadUrl = new Uri(state.Parts[0].Url);
        if (state.Parts.Count > 1)
        {
            uploadUrl = await RunStepAsync(pipeline, async t => (await requests.CreateAsync(endpoint, null, UploadMetadata.FromStrings(Metadata(file, options)),
                "final;" + string.Join(' ', state.Parts.Select(p => p.Url)), 0, 0, _ => { }, t)).Url, endpoint, cancellationToken);
            UploadStateStore.Save(statePath, state with { Final = uploadUrl.AbsoluteUri });
        }
        UploadStateStore.Delete(statePath);
        if (requests.FileLocation is null)
        {
            // The completing response may not have named the file; a HEAD of the finished upload might.
            try
            {
                await RunStepAsync(pipeline, t => requests.HeadOffsetAsync(uploadUrl, size, t), uploadUrl, cancellationToken);
            }
            catch (TransferException)
            {
                // Only a nicer URL was at stake; the upload itself is complete.
            }
        }
        reporter.Complete();
        return new UploadResult(uploadUrl, requests.FileLocation ?? uploadUrl, size, resumed, state.Parts.Count);
    }

    private static Dictionary<string, string> Metadata(FileInfo file, UploadOptions options)
    {
        var metadata = new Dictionary<string, string>(options.Metadata);
        metadata.TryAdd("filename", file.Name);
        return metadata;
    }

    internal static async Task<T> RunStepAsync<T>(ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> step, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async t => await step(t), cancellationToken);
        }
        catch (Exception e) when (RetryPipelines.IsTransient(e) && e is not TransferException)
        {
            throw FileDownloader.Exhausted(url, e);
        }
    }
}
