using Baton.Protocol.Downloads;
using Baton.Protocol.Digests;
using Baton.Protocol.Paths;
using Baton.Protocol.Problems;
using Baton.Server.Digests;
using Baton.Server.Files;
using Baton.Storage.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Downloads;

/// <summary>Finds and opens the file a download asks for, and knows its digest.</summary>
public sealed partial class DownloadRepresentation(
    StoredFiles files,
    IFileSource source,
    IFileDigests digests,
    DigestQueue digestQueue,
    IOptions<BatonOptions> options,
    ILogger<DownloadRepresentation> logger)
{
    /// <summary>Opens the regular file at the decoded request <paramref name="path"/>. Anything else — an unsafe path, a folder,
    /// a device or pipe, a link out of the root, Baton's own state — is an error, and nothing is opened.</summary>
    /// <param name="ahead">What the request will probably read, for a source that can start reading while it opens
    /// (<see cref="IFileReadAhead"/>); null to only open.</param>
    public async ValueTask<OpenResult> OpenAsync(string? path, CancellationToken cancellation, ReadAhead? ahead = null)
    {
        switch (files.Resolve(path, out var relative))
        {
            case PathCheck.Invalid:
                LogRejectedPath(logger, path ?? "");
                return OpenResult.Fail(ProtocolErrors.InvalidPath);
            case PathCheck.Hidden:
                return OpenResult.Fail(ProtocolErrors.NotFound);
        }
        var reader = relative.IsRoot ? null
            : ahead is { } guess && source.Capabilities.ReadAhead is { } readAhead ? await readAhead.OpenAsync(relative, guess, cancellation)
            : await source.OpenAsync(relative, cancellation);
        if (reader is null)
        {
            return OpenResult.Fail(ProtocolErrors.NotFound);
        }
        return new OpenResult(reader, new StoredFile(relative, MediaTypes.For(relative.Name), reader.Version), null);
    }

    /// <summary>
    /// The <c>Repr-Digest</c> value to send, or null. RFC 9530 §4: with <c>Want-Repr-Digest</c> the client's preference decides
    /// (sha-256 is what Baton keeps); without it the digest is sent whenever it is known. Small files are hashed now; larger ones
    /// are queued for the background worker and carry the digest on a later request.
    /// </summary>
    public async Task<string?> DigestFieldAsync(HttpContext context, StoredFile file, IFileReader reader)
    {
        var want = context.Request.Headers[WantDigest.HeaderName].ToString();
        if (want.Length > 0 && WantDigest.TryParse(want, out var wanted) && !wanted.Accepts(DigestValue.Sha256))
        {
            return null;
        }
        if (!digests.TryGet(file.RelativeName, file.Version, out var sha))
        {
            if (file.Version.Length > options.Value.Downloads.InlineDigestLimit)
            {
                digestQueue.Enqueue(file.RelativeName);
                return null;
            }
            sha = await FileHashes.Sha256Async(reader, context.RequestAborted);
            // A version that may still change inside the file system's timestamp granularity is not cached.
            if (file.Version.IsStrong)
            {
                digests.Store(file.RelativeName, file.Version, sha);
            }
        }
        return ReprDigest.Format(DigestValue.Sha256, sha);
    }

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Rejected unsafe download path {Path}")]
    private static partial void LogRejectedPath(ILogger logger, string path);
}
