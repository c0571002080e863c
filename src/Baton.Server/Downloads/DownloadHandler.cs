using Baton.Protocol.Digests;
using Baton.Protocol.Disposition;
using Baton.Protocol.Downloads;
using Baton.Protocol.Preconditions;
using Baton.Protocol.Problems;
using Baton.Protocol.Ranges;
using Baton.Protocol.Validators;
using Baton.Server.Problems;
using Baton.Storage.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Downloads;

/// <summary>
/// <c>GET|HEAD /files/{path}</c>: opens the file once, derives validators from the open handle (so the headers describe the
/// bytes that are sent), lets <see cref="DownloadPlanner"/> decide status and ranges, then streams.
/// </summary>
public sealed partial class DownloadHandler(
    DownloadRepresentation representation,
    DownloadBuffers buffers,
    IFileSource source,
    IOptions<BatonOptions> options,
    ILogger<DownloadHandler> logger)
{
    public async Task HandleAsync(HttpContext context, string? path)
    {
        var request = context.Request;
        var conditions = Conditions(request.Headers);
        var range = Joined(request.Headers.Range);
        // Nothing is read ahead for a redirect: the storage sends those bytes itself.
        var ahead = options.Value.Downloads.RedirectToStorage ? null : ReadAhead.For(request.Method, range, conditions);
        var opened = await representation.OpenAsync(path, context.RequestAborted, ahead);
        if (opened.Error is { } error)
        {
            await ProblemResponder.WriteAsync(context, error);
            return;
        }
        await using var reader = opened.Reader!;
        var file = opened.File!;
        var response = context.Response;
        var settings = options.Value.Downloads;
        var version = file.Version;

        var decision = DownloadPlanner.Decide(request.Method, range, conditions,
            new RepresentationValidators(version.ETag, version.LastModified), version.Length, settings.MaxRanges);

        if (await DecisionPreamble.AnswerAsync(context, decision, version.ETag, version.LastModified, version.Length, "file",
                $"At most {settings.MaxRanges} ranges are accepted, and several ranges may not ask for more than the {version.Length} bytes of the file."))
        {
            return;
        }
        var headers = response.Headers;

        var disposition = MediaTypes.IsInline(file.MediaType)
            ? ContentDisposition.Inline(file.Name)
            : ContentDisposition.Attachment(file.Name);
        if (settings.RedirectToStorage && HttpMethods.IsGet(request.Method) && source.Capabilities.PresignedReads is { } presigned)
        {
            // Downloads:RedirectToStorage — the bytes come from the storage itself. Preconditions, 304 and 416 were answered
            // here above; HEAD stays here (a presigned URL signs one method). The engine's answer carries no Repr-Digest and no
            // CSP/nosniff, and it is on the storage's origin, never the page's (docs/storage-s3.md).
            response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            headers.CacheControl = "no-store"; // the signed URL expires; a cached redirect would outlive it
            headers.Location = presigned.PresignRead(file.Path, settings.RedirectLifetime, file.MediaType, disposition).AbsoluteUri;
            return;
        }

        headers.XContentTypeOptions = "nosniff";
        // Even a file shown inline runs no script and loads nothing: its own origin sandbox (defence in depth behind the
        // attachment rule in MediaTypes).
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";
        headers.ContentDisposition = disposition;
        if (await representation.DigestFieldAsync(context, file, reader) is { } digest)
        {
            headers[ReprDigest.HeaderName] = digest;
        }

        var head = HttpMethods.IsHead(request.Method);
        var aborted = context.RequestAborted;
        using var buffer = buffers.Enter();
        var outcome = BodyOutcome.Sent;
        switch (decision.Outcome)
        {
            case DownloadOutcome.SinglePart:
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.ContentType = file.MediaType;
                headers.ContentRange = decision.Range.ToContentRange(version.Length).ToString();
                response.ContentLength = decision.Range.Length;
                if (!head)
                {
                    outcome = await FileBody.CopyAsync(reader, decision.Range.First, decision.Range.Length, response, buffer, aborted);
                }
                break;
            case DownloadOutcome.MultiPart:
                var multipart = new MultipartByteRanges(decision.Ranges!, version.Length, file.MediaType);
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.ContentType = multipart.ContentType;
                response.ContentLength = multipart.ContentLength;
                if (!head)
                {
                    outcome = await multipart.WriteAsync(reader, response, buffer, aborted);
                }
                break;
            default:
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = file.MediaType;
                response.ContentLength = version.Length;
                if (!head)
                {
                    outcome = await FileBody.CopyAsync(reader, 0, version.Length, response, buffer, aborted);
                }
                break;
        }
        if (outcome == BodyOutcome.FileEnded)
        {
            // Only a file that ended early is worth a warning: a client leaving mid-body is normal (cancelled downloads,
            // probes that read the head only, segmented clients closing spare connections).
            LogFileShrank(logger, file.RelativeName);
            context.Abort(); // the promised length cannot be met: a cut connection is the only honest signal
        }
    }

    internal static ConditionalHeaders Conditions(IHeaderDictionary headers) => new(
        Joined(headers.IfMatch), Joined(headers.IfNoneMatch), Joined(headers.IfModifiedSince),
        Joined(headers.IfUnmodifiedSince), Joined(headers.IfRange));

    /// <summary>A field sent on several lines is one comma-separated list (RFC 9110 §5.3).</summary>
    internal static string? Joined(Microsoft.Extensions.Primitives.StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0],
        _ => string.Join(", ", values.ToArray()),
    };

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "{Path} became shorter while it was being sent; the connection was aborted")]
    private static partial void LogFileShrank(ILogger logger, string path);
}
