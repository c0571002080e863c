using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Server.Problems;
using Baton.Server.Uploads.Completion;
using Baton.Server.Uploads.Http;
using Baton.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Tus;

/// <summary>tus <c>HEAD|PATCH|DELETE /uploads/{id}</c>: offset retrieval, append (with checksum and deferred length), termination.</summary>
public sealed class TusUploadResource(
    StoreCapabilities store, IOptions<BatonOptions> options, UploadCompletion completion)
{
    private UploadOptions Options => options.Value.Uploads;

    /// <param name="lookup">The upload as the dispatcher found it (and checked the caller may use it): not looked up again.</param>
    public async Task<ProtocolError?> HeadAsync(HttpContext context, UploadLookup lookup)
    {
        // tus §HEAD: never cacheable; a missing upload gets no Upload-Offset.
        context.Response.Headers.CacheControl = "no-store";
        if (lookup.Info is not { } found)
        {
            return lookup.Missing;
        }
        var info = await completion.ReportableAsync(found, context.Request);
        var headers = context.Response.Headers;
        if (info.Metadata.Length > 0)
        {
            headers[TusHeaders.UploadMetadata] = info.Metadata;
        }
        if (info.Concat is not null)
        {
            headers[TusHeaders.UploadConcat] = info.Concat;
        }
        TusResponses.WriteState(context.Response, info, completion.FileUrl(context.Request, info));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return null;
    }

    /// <param name="lookup">The upload as the dispatcher found it (and checked the caller may use it): not looked up again.</param>
    public async Task<ProtocolError?> PatchAsync(HttpContext context, UploadLookup lookup)
    {
        var request = context.Request;
        var cancellation = context.RequestAborted;
        if (!TusRequest.IsOffsetOctetStream(request))
        {
            return ProtocolErrors.UploadMediaTypeUnsupported.WithDetail(
                $"PATCH bodies must be {TusHeaders.OffsetOctetStream}.");
        }
        if (!TusInteger.TryParse(request.Headers[TusHeaders.UploadOffset], out var offset))
        {
            return ProtocolErrors.InvalidUploadOffset;
        }
        if (!TusRequest.TryGetVerifier(request, out var verifier, out var checksumError))
        {
            return checksumError!;
        }
        if (lookup.Info is not { } info)
        {
            return lookup.Missing;
        }
        if (info.Kind == UploadKind.Final)
        {
            return ProtocolErrors.FinalUploadNotPatchable;
        }
        if (offset != info.Offset)
        {
            // Checked again under the upload's lock by the store; checked here first so a stale request declares nothing.
            context.Response.Headers[TusHeaders.UploadOffset] = info.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ProtocolErrors.UploadOffsetMismatch.WithDetail($"The upload's offset is {info.Offset}.");
        }
        if (await DeclareLengthAsync(context, info) is { } lengthError)
        {
            return lengthError;
        }

        UploadRequestBody.Prepare(context, Options);
        var result = await completion.AppendAsync(info.Id,
            new AppendRequest(offset, request.BodyReader, verifier, Options.MaxSize > 0 ? Options.MaxSize : null), cancellation);
        if (TusResponses.ErrorFor(result, result.Info?.Length is not null) is { } error)
        {
            if (result.Info is { } current && result.Outcome is AppendOutcome.OffsetMismatch or AppendOutcome.StorageFull)
            {
                context.Response.Headers[TusHeaders.UploadOffset] = current.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return error;
        }
        // A digest declared at creation (Repr-Digest) is checked once the last byte is in; a mismatch discards the upload.
        (info, var mismatch) = await completion.CompleteVerifiedAsync(result.Info!, request, null);
        if (mismatch is not null)
        {
            return mismatch;
        }
        TusResponses.WriteState(context.Response, info, completion.FileUrl(request, info));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return null;
    }

    /// <summary>tus creation-defer-length: Upload-Length on a PATCH sets a deferred length once; it must never change.</summary>
    private async Task<ProtocolError?> DeclareLengthAsync(HttpContext context, UploadInfo info)
    {
        var header = context.Request.Headers[TusHeaders.UploadLength];
        if (header.Count == 0)
        {
            return null;
        }
        if (!TusInteger.TryParse(header, out var length))
        {
            return ProtocolErrors.InvalidUploadLength;
        }
        if (info.Length is long known)
        {
            return known == length ? null : ProtocolErrors.UploadLengthAlreadySet;
        }
        if (Options.MaxSize > 0 && length > Options.MaxSize)
        {
            return ProtocolErrors.UploadTooLarge.WithDetail($"The upload is {length} bytes; at most {Options.MaxSize} are accepted.");
        }
        if (store.LengthDeferral is null || !await store.LengthDeferral.DeclareLengthAsync(info.Id, length, context.RequestAborted))
        {
            return ProtocolErrors.UploadLengthAlreadySet.WithDetail("The length is already set, or is below the bytes already received.");
        }
        return null;
    }
}
