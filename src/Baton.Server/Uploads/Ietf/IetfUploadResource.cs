using Baton.Protocol.Problems;
using Baton.Protocol.Uploads;
using Baton.Server.Problems;
using Baton.Server.Uploads.Completion;
using Baton.Server.Uploads.Http;
using Baton.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Ietf;

/// <summary>draft-11 §4.6–4.8 on <c>/uploads/{id}</c>: offset retrieval (HEAD), append (PATCH, application/partial-upload),
/// cancellation (DELETE).</summary>
public sealed class IetfUploadResource(
    StoreCapabilities store, IOptions<BatonOptions> options, UploadCompletion completion,
    UploadDiscovery discovery, TimeProvider time)
{
    public async Task HeadAsync(HttpContext context, string id)
    {
        context.Response.Headers.CacheControl = "no-store";
        var lookup = await store.Core.FindAsync(id, context.RequestAborted);
        if (lookup.Info is not { } info)
        {
            await ProblemResponder.WriteAsync(context, lookup.Missing);
            return;
        }
        IetfResponses.WriteState(context.Response, info, discovery.Limit(info, time.GetUtcNow()), completion.FileUrl(context.Request, info));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task PatchAsync(HttpContext context, string id)
    {
        var request = context.Request;
        var cancellation = context.RequestAborted;
        var uploads = options.Value.Uploads;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals(ResumableUploadHeaders.PartialUpload, StringComparison.OrdinalIgnoreCase))
        {
            await ProblemResponder.WriteAsync(context, ProtocolErrors.UploadMediaTypeUnsupported.WithDetail(
                $"Appending requires {ResumableUploadHeaders.PartialUpload} (draft-11 §4.7)."));
            return;
        }
        if (!ResumableUploadHeaders.TryParseNonNegative(request.Headers[ResumableUploadHeaders.UploadOffset].ToString(), out var offset))
        {
            await ProblemResponder.WriteAsync(context, ProtocolErrors.InvalidUploadOffset);
            return;
        }
        if (!IetfRequest.TryReadComplete(request, out var complete))
        {
            await ProblemResponder.WriteAsync(context, ProtocolErrors.InvalidUploadComplete);
            return;
        }
        var lookup = await store.Core.FindAsync(id, cancellation);
        if (lookup.Info is not { } info)
        {
            await ProblemResponder.WriteAsync(context, lookup.Missing);
            return;
        }
        if (info.IsComplete)
        {
            // §4.7: a complete upload must not be modified.
            context.Response.Headers[ResumableUploadHeaders.UploadComplete] = "?1";
            await ProblemResponder.WriteAsync(context, ProtocolErrors.CompletedUpload);
            return;
        }
        if (offset != info.Offset)
        {
            // Checked again under the upload's lock by the store; checked here first so a stale request declares nothing.
            IetfResponses.WriteState(context.Response, info, new UploadLimit(), null);
            await ProblemResponder.WriteAsync(context, ProtocolErrors.MismatchingUploadOffset.WithDetail($"The upload's offset is {info.Offset}."));
            return;
        }
        if (!IetfRequest.TryReadLength(request, offset, complete, info.Length, out var length, out var lengthError))
        {
            await ProblemResponder.WriteAsync(context, lengthError!);
            return;
        }
        if (length is long declared && info.Length is null)
        {
            if (uploads.MaxSize > 0 && declared > uploads.MaxSize)
            {
                await ProblemResponder.WriteAsync(context, ProtocolErrors.UploadTooLarge);
                return;
            }
            if (store.LengthDeferral is null || !await store.LengthDeferral.DeclareLengthAsync(id, declared, cancellation))
            {
                await ProblemResponder.WriteAsync(context, ProtocolErrors.InconsistentUploadLength);
                return;
            }
        }

        UploadRequestBody.Prepare(context, uploads);
        var result = await store.Core.AppendAsync(id,
            new AppendRequest(offset, request.BodyReader, null, uploads.MaxSize > 0 ? uploads.MaxSize : null), cancellation);
        if (IetfResponses.ErrorFor(result) is { } error)
        {
            if (result.Outcome == AppendOutcome.OffsetMismatch && result.Info is { } current)
            {
                // §4.7: the 409 carries the correct offset.
                IetfResponses.WriteState(context.Response, current, new UploadLimit(), null);
            }
            await ProblemResponder.WriteAsync(context, error);
            return;
        }
        info = result.Info!;
        if (complete && result.Outcome == AppendOutcome.Appended && info.Length is null && store.LengthDeferral is not null)
        {
            await store.LengthDeferral.DeclareLengthAsync(id, info.Offset, cancellation);
            info = (await store.Core.FindAsync(id, cancellation)).Info ?? info;
        }
        (info, var digestError) = await completion.CompleteVerifiedAsync(info, request, IetfRequest.ExpectedSha256(request), cancellation);
        if (digestError is not null)
        {
            await ProblemResponder.WriteAsync(context, digestError);
            return;
        }
        IetfResponses.WriteState(context.Response, info, discovery.Limit(info, time.GetUtcNow()), completion.FileUrl(request, info));
        context.Response.StatusCode = info.IsComplete ? StatusCodes.Status200OK : StatusCodes.Status204NoContent;
    }
}
