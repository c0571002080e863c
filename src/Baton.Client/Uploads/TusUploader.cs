using Baton.Client.Requests;
using Baton.Client.Downloads;
using Baton.Client.Transfers;
using Baton.Protocol.Tus;
using Polly;

namespace Baton.Client.Uploads;

/// <summary>
/// A resumable upload client: tus 1.0 (below), or IETF Resumable Uploads for HTTP (<see cref="UploadOptions.Protocol"/>,
/// <see cref="IetfRequests"/>) driven by the same session, state file and verification. A tus 1.0 client for any tus server, using what its OPTIONS advertises: creation (with the first chunk when
/// creation-with-upload is offered), a checksum per chunk per <see cref="ChunkChecksums"/>, and concatenation for parallel parts.
/// The upload URLs are saved in a per-user state file before any byte is sent, so a rerun after a crash HEADs each upload and
/// continues from the server's offset. When the server offers <c>Baton-File-Digest: sha-256</c>, the file's SHA-256 is built
/// from the bytes as they are sent and compared with the stored file's Repr-Digest afterwards (<see cref="UploadVerification"/>);
/// a new (not resumed) upload to such a server hashes the file first and is created digest-first (<see cref="InstantUpload"/>), so
/// content the server already holds is not sent again (<see cref="UploadResult.AlreadyStored"/>; <see cref="UploadOptions.AsCopy"/>
/// turns it off).
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
        var pipeline = RetryPolicy.Create(options.Retries, options.RetryDelay, _time, options.Notice);
        var capabilities = await RetryPolicy.RunAsync(pipeline, t => TusCapabilities.DiscoverAsync(http, endpoint, options.Protocol, t), endpoint, cancellationToken);
        if (!capabilities.Creation)
        {
            throw new TransferException(TransferFailure.Protocol, $"{endpoint} does not offer the tus creation extension");
        }
        if (capabilities.MaxSize is { } max && size > max)
        {
            throw new TransferException(TransferFailure.HttpError, $"{file.Name} is {size} bytes; {endpoint} accepts at most {max} (Tus-Max-Size)");
        }
        var bucket = options.LimitBytesPerSecond is { } rate ? new TokenBucket(rate, _time) : null;
        var checksum = capabilities.ChunkChecksumAlgorithm(options.ChunkChecksums);
        if (options.ChunkChecksums == ChunkChecksums.Always && checksum is null)
        {
            options.Notice?.Invoke($"{endpoint} does not offer the tus checksum extension; chunks are sent without Upload-Checksum");
        }
        using var digest = capabilities.FileSha256 ? new UploadDigest(file.FullName) : null;
        // Parallel parts arrive out of file order, so only a single upload feeds the digest from its request bodies.
        var streamed = options.Parallel == 1 || !capabilities.Concatenation ? digest : null;
        IUploadRequests requests = capabilities.Protocol == UploadProtocol.Ietf
            ? new IetfRequests(http, file.FullName, size, capabilities.InteropVersion!.Value, bucket, TimeSpan.FromSeconds(30), streamed)
            : new TusRequests(http, file.FullName, bucket, TimeSpan.FromSeconds(30), streamed);
        var statePath = new UploadStateStore(options.ResolveStateDirectory()).PathFor(file.FullName, size, modified, endpoint);
        var session = new UploadSession(requests, pipeline, size);

        var state = UploadStateStore.TryLoad(statePath);
        var resumed = false;
        if (state is { Parts.Count: > 1 } && capabilities.Protocol == UploadProtocol.Ietf)
        {
            // Its parts can be appended over IETF, but only tus concatenation joins them into the file.
            throw new TransferException(TransferFailure.WrongTarget,
                $"{file.Name} was started as {state.Parts.Count} parallel tus parts; finish it with --protocol tus (the IETF protocol has no concatenation)");
        }
        if (state is not null)
        {
            if (state.Final is not null && await RetryPolicy.RunAsync(pipeline, t => requests.HeadOffsetAsync(new Uri(state.Final), size, t), endpoint, cancellationToken) == size)
            {
                UploadStateStore.Delete(statePath);
                var finalFile = requests.FileLocation ?? new Uri(state.Final);
                var finalVerified = digest is not null
                    && await UploadVerification.VerifyAsync(http, pipeline, digest, size, requests.FileLocation, options.Notice, cancellationToken);
                return new UploadResult(new Uri(state.Final), finalFile, size, true, state.Parts.Count, finalVerified);
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
        var parts = state is null ? PartCount(size, endpoint, options, capabilities) : state.Parts.Count;
        if (state is null && digest is not null && !options.AsCopy && size > 0)
        {
            // Digest-first (issue 15): hash the whole file, then ask the server whether it already holds that content.
            using (new HashingProgressReporter(file.Name, size, digest, _time, options.ProgressInterval, progress))
            {
                await digest.CatchUpAsync(size, cancellationToken);
            }
            var instant = await InstantUpload.CreateAsync(requests, pipeline, endpoint, file.FullName, size,
                await digest.FinishAsync(size, cancellationToken), UploadMetadata.FromStrings(Metadata(file, options)), cancellationToken);
            if (instant.Offset == size)
            {
                return await AlreadyStoredAsync(requests, pipeline, digest, file, instant.UploadUrl, options, progress, cancellationToken);
            }
            if (parts == 1)
            {
                state = session.Adopt(endpoint, file, modified, instant.UploadUrl, instant.Offset, statePath);
            }
            else
            {
                // Parallel parts are separate (partial) uploads; the whole-file one is not needed.
                await requests.TerminateAsync(instant.UploadUrl, cancellationToken);
            }
        }
        using var reporter = new UploadProgressReporter(file.Name, size, session, _time, options.ProgressInterval, progress);
        if (state is null)
        {
            var metadata = UploadMetadata.FromStrings(Metadata(file, options));
            var firstChunk = parts == 1 && capabilities.CreationWithUpload ? Math.Min(size, options.ChunkSize) : 0;
            state = await session.CreateAsync(endpoint, file, modified, metadata, parts, firstChunk, statePath, cancellationToken);
        }

        // The digest is built in file order: a single upload hashes what is already on the server first (one read of that
        // prefix), then the bytes as it sends them; parallel parts are hashed from the file alongside the upload. Either way any
        // byte not hashed in order is read at the end, so the mode only decides the cost, never the result.
        using var stopHashing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hashing = Task.CompletedTask;
        if (digest is not null && streamed is null)
        {
            hashing = Task.Run(() => digest.CatchUpAsync(size, stopHashing.Token), stopHashing.Token);
        }
        else if (digest is not null)
        {
            await digest.CatchUpAsync(session.Offsets.Length > 0 ? session.Offsets[0] : 0, cancellationToken);
        }
        try
        {
            await session.UploadAllAsync(state.Parts, options.ChunkSize, checksum, cancellationToken);
        }
        catch
        {
            await stopHashing.CancelAsync();
            await Task.WhenAny(hashing);
            throw;
        }
        await hashing;

        var uploadUrl = new Uri(state.Parts[0].Url);
        if (state.Parts.Count > 1)
        {
            uploadUrl = await RetryPolicy.RunAsync(pipeline, async t => (await requests.CreateAsync(endpoint, null, UploadMetadata.FromStrings(Metadata(file, options)),
                "final;" + string.Join(' ', state.Parts.Select(p => p.Url)), 0, 0, _ => { }, t)).Url, endpoint, cancellationToken);
            UploadStateStore.Save(statePath, state with { Final = uploadUrl.AbsoluteUri });
        }
        UploadStateStore.Delete(statePath);
        if (requests.FileLocation is null)
        {
            // The completing response may not have named the file; a HEAD of the finished upload might.
            try
            {
                await RetryPolicy.RunAsync(pipeline, t => requests.HeadOffsetAsync(uploadUrl, size, t), uploadUrl, cancellationToken);
            }
            catch (TransferException)
            {
                // Only a nicer URL was at stake; the upload itself is complete.
            }
        }
        var verified = digest is not null
            && await UploadVerification.VerifyAsync(http, pipeline, digest, size, requests.FileLocation, options.Notice, cancellationToken);
        reporter.Complete();
        return new UploadResult(uploadUrl, requests.FileLocation ?? uploadUrl, size, resumed, state.Parts.Count, verified);
    }

    /// <summary>The server completed the upload from the digest: nothing was sent; the stored file is still checked end to end.</summary>
    private async Task<UploadResult> AlreadyStoredAsync(IUploadRequests requests, ResiliencePipeline pipeline, UploadDigest digest,
        FileInfo file, Uri uploadUrl, UploadOptions options, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var size = file.Length;
        if (requests.FileLocation is null)
        {
            await RetryPolicy.RunAsync(pipeline, t => requests.HeadOffsetAsync(uploadUrl, size, t), uploadUrl, cancellationToken);
        }
        var verified = await UploadVerification.VerifyAsync(http, pipeline, digest, size, requests.FileLocation, options.Notice, cancellationToken);
        progress?.Report(new TransferProgress(file.Name, size, size, 0, 0, TransferPhase.Completed));
        return new UploadResult(uploadUrl, requests.FileLocation ?? uploadUrl, size, false, 1, verified, AlreadyStored: true);
    }

    /// <summary>How many partial uploads to make: <see cref="UploadOptions.Parallel"/> when concatenation is offered (a notice
    /// otherwise), never more than one per chunk.</summary>
    private static int PartCount(long size, Uri endpoint, UploadOptions options, TusCapabilities capabilities)
    {
        var parts = options.Parallel;
        if (parts > 1 && !capabilities.Concatenation)
        {
            options.Notice?.Invoke(capabilities.Protocol == UploadProtocol.Ietf
                ? "the IETF upload protocol has no concatenation; uploading sequentially (use --protocol tus for parallel parts)"
                : $"{endpoint} does not offer tus concatenation; uploading sequentially");
            parts = 1;
        }
        return (int)Math.Max(1, Math.Min(parts, size / Math.Max(1, options.ChunkSize) + 1));
    }

    private static Dictionary<string, string> Metadata(FileInfo file, UploadOptions options)
    {
        var metadata = new Dictionary<string, string>(options.Metadata);
        metadata.TryAdd("filename", file.Name);
        return metadata;
    }
}
