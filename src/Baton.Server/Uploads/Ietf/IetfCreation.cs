using Baton.Protocol.Digests;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Protocol.Uploads.Dialects;
using Baton.Server.Auth;
using Baton.Server.Uploads.Events;
using Baton.Server.Uploads.Http;
using Baton.Server.Uploads.Instant;
using Baton.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Ietf;

/// <summary>
/// "Upload Creation": <c>POST /uploads</c> with <c>Upload-Complete</c>, the request content being (the start of) the
/// representation — or nothing, which every draft allows. Everything is checked before the upload is stored. No 104 interim
/// response is sent: Kestrel has no API for 1xx responses (dotnet/aspnetcore#27851); the upload's URL arrives in the final
/// response's Location (docs/uploads.md).
/// </summary>
public sealed class IetfCreation(
    StoreCapabilities store, IOptions<BatonOptions> options, IetfAppending appending, UploadEventDispatcher events,
    IetfResponses responses, UploadAccess access, InstantCompletion instant)
{
    /// <returns>The problem to answer with, or null once the response is set.</returns>
    public async Task<ProtocolError?> HandleAsync(HttpContext context, RufhDialect dialect)
    {
        var request = context.Request;
        var cancellation = context.RequestAborted;
        byte[]? declared = null;
        if ((Read(request, dialect, out var complete, out var length, out var metadata)
            ?? DeclaredSha256.Read(request.Headers[ReprDigest.HeaderName].ToString(), out declared)
            ?? UploadRestrictions.Check(options.Value.Uploads, metadata, length)
            ?? access.CheckCreation(context, length)) is { } refused)
        {
            return responses.Reject(context, dialect, refused);
        }
        var info = await store.Core.CreateAsync(new NewUpload(length, metadata.ToString(),
            ExpectedSha256: declared, Owner: UploadAccess.OwnerOf(context),
            Scope: UploadAccess.ScopeOf(context)), cancellation);
        await events.CreatedAsync(info, cancellation);
        context.Response.Headers.Location = UploadUrls.Upload(request, info.Id);
        // Digest-first creation (Upload-Complete: ?0, the length, the digest, no content): complete at once when the content is
        // stored and the caller may read it — 201 with the final state; the editor's copy lets the offset exceed what was sent.
        if (declared is not null && !complete && !UploadRequestBody.HasContent(request)
            && await instant.TryAsync(context, info) is { IsComplete: true } instantly)
        {
            responses.WriteState(context, dialect, instantly, final: true);
            context.Response.StatusCode = StatusCodes.Status201Created;
            return null;
        }

        var stored = await appending.AppendAsync(context, dialect, info.Id, 0, complete);
        if (stored.Error is { } error)
        {
            return responses.Reject(context, dialect, error, stored.Info, stored.Final);
        }
        // 201 with Location while more is to come; once complete, what the target answers for the whole representation.
        responses.WriteOutcome(context, dialect, stored.Info!, StatusCodes.Status201Created);
        return null;
    }

    private static ProtocolError? Read(HttpRequest request, RufhDialect dialect, out bool complete, out long? length, out UploadMetadata metadata)
    {
        length = null;
        metadata = UploadMetadata.Empty;
        return IetfRequest.ReadComplete(request, out complete)
            ?? IetfRequest.ReadLength(request, dialect, 0, complete, null, out length)
            ?? IetfMetadata.Read(request, out metadata);
    }
}
