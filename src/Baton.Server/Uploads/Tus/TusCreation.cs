using Baton.Protocol.Digests;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Server.Auth;
using Baton.Server.Problems;
using Baton.Server.Uploads.Completion;
using Baton.Server.Uploads.Events;
using Baton.Server.Uploads.Http;
using Baton.Server.Uploads.Instant;
using Baton.Storage;
using Baton.Storage.FileSystem;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Tus;

/// <summary>
/// tus <c>POST /uploads</c>: creation, creation-with-upload, creation-defer-length, and concatenation (partial and final
/// uploads, including finals over unfinished partials).
/// </summary>
public sealed class TusCreation(
    StoreCapabilities store, IOptions<BatonOptions> options, UploadCompletion completion, UploadEventDispatcher events, UploadDiscovery discovery,
    UploadAccess access, InstantCompletion instant)
{
    private UploadOptions Options => options.Value.Uploads;

    /// <returns>The problem to answer with, or null once the response is set.</returns>
    public async Task<ProtocolError?> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellation = context.RequestAborted;
        if (!TryReadCreation(request, out var length, out var metadata, out var concat, out var error))
        {
            return error!;
        }
        var hasBody = UploadRequestBody.HasContent(request);
        if (hasBody && !TusRequest.IsOffsetOctetStream(request))
        {
            return ProtocolErrors.UploadMediaTypeUnsupported.WithDetail(
                $"Creation-with-upload bodies must be {TusHeaders.OffsetOctetStream}.");
        }
        ChunkVerifier? verifier = null;
        if (hasBody && !TusRequest.TryGetVerifier(request, out verifier, out var checksumError))
        {
            return checksumError!;
        }
        // RFC 9530 Repr-Digest on a regular creation: the whole upload's SHA-256, for instant completion and checked at the end.
        byte[]? declared = null;
        if (concat is null && DeclaredSha256.Read(request.Headers[ReprDigest.HeaderName].ToString(), out declared) is { } digestError)
        {
            return digestError;
        }
        var raw = request.Headers[TusHeaders.UploadMetadata].ToString().Trim();
        if (access.CheckCreation(context, length) is { } limit)
        {
            return limit;
        }
        var owner = UploadAccess.OwnerOf(context);

        UploadInfo? info;
        if (concat is { IsFinal: true })
        {
            info = await CreateFinalAsync(concat, request, raw, owner, cancellation);
            if (info is null)
            {
                return ProtocolErrors.InvalidUploadConcat.WithDetail(
                    "Every URL in Upload-Concat must name a partial upload of this server.");
            }
        }
        else
        {
            var kind = concat is null ? UploadKind.Regular : UploadKind.Partial;
            info = await store.Core.CreateAsync(new NewUpload(length, raw, kind, concat?.ToString(), ExpectedSha256: declared, Owner: owner,
                Scope: UploadAccess.ScopeOf(context)), cancellation);
        }
        await events.CreatedAsync(info, cancellation);
        context.Response.Headers.Location = UploadUrls.Upload(request, info.Id);
        if (declared is not null && !hasBody)
        {
            info = await instant.TryAsync(context, info);
        }

        if (hasBody && info.Kind != UploadKind.Final)
        {
            UploadRequestBody.Prepare(context, Options);
            var result = await completion.AppendAsync(info.Id,
                new AppendRequest(0, request.BodyReader, verifier, Options.MaxSize > 0 ? Options.MaxSize : null), cancellation);
            if (TusResponses.ErrorFor(result, info.Length is not null) is { } appendError)
            {
                return appendError;
            }
            info = result.Info!;
        }
        (info, var mismatch) = await completion.CompleteVerifiedAsync(info, request, null);
        if (mismatch is not null)
        {
            return mismatch;
        }
        TusResponses.WriteState(context.Response, info, completion.FileUrl(request, info));
        context.Response.StatusCode = StatusCodes.Status201Created;
        return null;
    }

    private async Task<UploadInfo?> CreateFinalAsync(UploadConcat concat, HttpRequest request, string metadata, string? owner, CancellationToken cancellation)
    {
        if (store.Concatenation is null)
        {
            return null;
        }
        var collection = new Uri(request.Scheme + "://" + request.Host.ToUriComponent() + request.PathBase + request.Path);
        var ids = concat.PartialIds(collection);
        if (ids is null || !ids.All(UploadIds.IsWellFormed))
        {
            return null;
        }
        return await store.Concatenation.CreateFinalAsync(new NewUpload(null, metadata, UploadKind.Final, concat.ToString(), Owner: owner, Scope: UploadAccess.ScopeOf(request.HttpContext)), ids, cancellation);
    }

    /// <summary>tus §POST: exactly one of Upload-Length / Upload-Defer-Length: 1 (none for a final upload), valid metadata,
    /// and the server's restrictions.</summary>
    private bool TryReadCreation(HttpRequest request, out long? length, out UploadMetadata metadata, out UploadConcat? concat, out ProtocolError? error)
    {
        length = null;
        metadata = UploadMetadata.Empty;
        concat = null;
        error = null;
        var headers = request.Headers;
        if (headers.ContainsKey(TusHeaders.UploadConcat))
        {
            if (!discovery.Supports("concatenation") || !UploadConcat.TryParse(headers[TusHeaders.UploadConcat], out var parsed))
            {
                error = ProtocolErrors.InvalidUploadConcat;
                return false;
            }
            concat = parsed;
        }
        var hasLength = headers.ContainsKey(TusHeaders.UploadLength);
        var hasDefer = headers.ContainsKey(TusHeaders.UploadDeferLength);
        if (hasDefer && (headers[TusHeaders.UploadDeferLength].ToString().Trim() != "1" || !discovery.Supports("creation-defer-length")))
        {
            error = ProtocolErrors.InvalidDeferLength;
            return false;
        }
        if (concat is { IsFinal: true })
        {
            if (hasLength || hasDefer)
            {
                error = ProtocolErrors.InvalidUploadConcat.WithDetail("A final upload's length is the sum of its partials: send no Upload-Length.");
                return false;
            }
        }
        else if (hasLength == hasDefer)
        {
            error = ProtocolErrors.UploadLengthRequired;
            return false;
        }
        if (hasLength)
        {
            if (!TusInteger.TryParse(headers[TusHeaders.UploadLength], out var parsedLength))
            {
                error = ProtocolErrors.InvalidUploadLength;
                return false;
            }
            length = parsedLength;
        }
        if (!UploadMetadata.TryParse(headers[TusHeaders.UploadMetadata], out metadata, out var metadataError))
        {
            error = ProtocolErrors.InvalidUploadMetadata.WithDetail(metadataError!);
            return false;
        }
        // Partial uploads are pieces: only the size cap applies to them; names and types are checked on the final.
        error = concat is { IsPartial: true }
            ? UploadRestrictions.Check(Options, UploadMetadata.Empty, length) is { Status: 413 } tooLarge ? tooLarge : null
            : UploadRestrictions.Check(Options, metadata, length);
        return error is null;
    }
}
