using Baton.Protocol.Problems;
using Baton.Protocol.Uploads.Dialects;
using Baton.Server.Uploads.Completion;
using Baton.Server.Uploads.Http;
using Baton.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Baton.Server.Uploads.Ietf;

/// <summary>"Upload Append" on <c>/uploads/{id}</c>: PATCH with <c>application/partial-upload</c> content at the upload's offset,
/// including appends that arrive after the upload completed (answered as the dialect says).</summary>
public sealed class IetfUploadResource(
    StoreCapabilities store, IOptions<BatonOptions> options, IetfAppending appending, IetfResponses responses, UploadCompletion completion)
{
    /// <returns>The problem to answer with, or null once the response is set.</returns>
    public async Task<ProtocolError?> AppendAsync(HttpContext context, RufhDialect dialect, UploadInfo info)
    {
        var request = context.Request;
        if (Read(request, dialect, out var offset, out var complete) is { } invalid)
        {
            return responses.Reject(context, dialect, invalid, info);
        }
        if (offset != info.Offset)
        {
            // Checked again under the upload's lock by the store; checked here first so a stale request declares nothing.
            return responses.Reject(context, dialect, IetfResponses.MismatchingOffset(info.Offset, offset), info);
        }
        if (info.IsComplete)
        {
            return await LateAppendAsync(context, dialect, info);
        }
        if (await DeclareLengthAsync(context, dialect, info, offset, complete) is { } refused)
        {
            return responses.Reject(context, dialect, refused, info);
        }
        var stored = await appending.AppendAsync(context, dialect, info.Id, offset, complete);
        if (stored.Error is { } error)
        {
            return responses.Reject(context, dialect, error, stored.Info, stored.Final);
        }
        responses.WriteOutcome(context, dialect, stored.Info!, dialect.IncompleteAppendStatus);
        return null;
    }

    private static ProtocolError? Read(HttpRequest request, RufhDialect dialect, out long offset, out bool complete)
    {
        complete = false;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals(dialect.AppendMediaType, StringComparison.OrdinalIgnoreCase))
        {
            offset = 0;
            return ProtocolErrors.UploadMediaTypeUnsupported.WithDetail($"Appending requires {dialect.AppendMediaType} ({dialect.Draft}).");
        }
        return IetfRequest.ReadOffset(request, out offset) ?? IetfRequest.ReadComplete(request, out complete);
    }

    /// <summary>Records a length this request indicates for the first time ("Length"), or says why it cannot be.</summary>
    private async Task<ProtocolError?> DeclareLengthAsync(HttpContext context, RufhDialect dialect, UploadInfo info, long offset, bool complete)
    {
        if (IetfRequest.ReadLength(context.Request, dialect, offset, complete, info.Length, out var length) is { } inconsistent)
        {
            return inconsistent;
        }
        if (length is not long declared || info.Length is not null)
        {
            return null;
        }
        var maxSize = options.Value.Uploads.MaxSize;
        if (maxSize > 0 && declared > maxSize)
        {
            return ProtocolErrors.UploadTooLarge.WithDetail($"The upload is {declared} bytes; at most {maxSize} are accepted.");
        }
        return store.LengthDeferral is not null && await store.LengthDeferral.DeclareLengthAsync(info.Id, declared, context.RequestAborted)
            ? null
            : IetfResponses.InconsistentLength(dialect, $"The length {declared} cannot be recorded for this upload.");
    }

    /// <summary>
    /// An append at the offset of an upload that is already complete (its final response may have been lost). The editor's copy
    /// lets the server replay the final response to a valid one — no content, so nothing would change — which also finishes a
    /// completion that did not get to place the file; content is an inconsistent length everywhere; the older drafts reject the
    /// rest (draft-05 to -09: completed-upload; draft-10–11: completed-upload only without content).
    /// </summary>
    private async Task<ProtocolError?> LateAppendAsync(HttpContext context, RufhDialect dialect, UploadInfo info)
    {
        var hasContent = UploadRequestBody.HasContent(context.Request);
        if (dialect.LateAppend == LateAppendRule.ReplayFinalResponse && !hasContent)
        {
            var (final, digestError) = await completion.CompleteVerifiedAsync(info, context.Request, null);
            if (digestError is not null)
            {
                return responses.Reject(context, dialect, digestError, final, final: true);
            }
            responses.WriteOutcome(context, dialect, final, dialect.IncompleteAppendStatus);
            return null;
        }
        var error = dialect.LateAppend == LateAppendRule.RejectAsCompleted || !hasContent
            ? ProtocolErrors.CompletedUpload
            : IetfResponses.InconsistentLength(dialect, $"The upload is complete at {info.Offset} bytes; nothing can be appended.");
        return responses.Reject(context, dialect, error, info);
    }
}
