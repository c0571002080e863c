using System.Net.Http.Headers;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Protocol.Uploads;
using Baton.Server.Auth;
using Baton.Server.Problems;
using Baton.Server.Uploads.Completion;
using Baton.Server.Uploads.Events;
using Baton.Server.Uploads.Http;
using Baton.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Ietf;

/// <summary>
/// draft-11 §4.5 upload creation: <c>POST /uploads</c> with <c>Upload-Complete</c>, the request content being (the start of)
/// the representation. The file name comes from <c>Content-Disposition</c>'s filename, the media type from Content-Type.
/// No 104 interim response is sent: Kestrel has no supported API for 1xx responses (dotnet/aspnetcore#27851); the
/// upload's URL arrives in the final response's Location (see docs/uploads.md).
/// </summary>
public sealed class IetfCreation(
    StoreCapabilities store, IOptions<BatonOptions> options, UploadCompletion completion, UploadEventDispatcher events,
    UploadDiscovery discovery, TimeProvider time, UploadAccess access)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellation = context.RequestAborted;
        var uploads = options.Value.Uploads;
        if (!IetfRequest.TryReadComplete(request, out var complete))
        {
            await ProblemResponder.WriteAsync(context, ProtocolErrors.InvalidUploadComplete);
            return;
        }
        if (!IetfRequest.TryReadLength(request, 0, complete, null, out var length, out var lengthError))
        {
            await ProblemResponder.WriteAsync(context, lengthError!);
            return;
        }
        var metadata = Describe(request);
        if (UploadRestrictions.Check(uploads, metadata, length) is { } restriction)
        {
            await ProblemResponder.WriteAsync(context, restriction);
            return;
        }
        if (access.CheckCreation(context, length) is { } limit)
        {
            await ProblemResponder.WriteAsync(context, limit);
            return;
        }
        var expected = IetfRequest.ExpectedSha256(request);
        var info = await store.Core.CreateAsync(
            new NewUpload(length, metadata.ToString(), ExpectedSha256: expected, Owner: UploadAccess.OwnerOf(context)), cancellation);
        await events.CreatedAsync(info, cancellation);
        context.Response.Headers.Location = UploadUrls.Upload(request, info.Id);

        UploadRequestBody.Prepare(context, uploads);
        var result = await store.Core.AppendAsync(info.Id,
            new AppendRequest(0, request.BodyReader, null, uploads.MaxSize > 0 ? uploads.MaxSize : null), cancellation);
        if (IetfResponses.ErrorFor(result) is { } error)
        {
            await ProblemResponder.WriteAsync(context, error);
            return;
        }
        info = result.Info!;
        if (complete && result.Outcome == AppendOutcome.Appended && info.Length is null && store.LengthDeferral is not null)
        {
            await store.LengthDeferral.DeclareLengthAsync(info.Id, info.Offset, cancellation);
            info = (await store.Core.FindAsync(info.Id, cancellation)).Info ?? info;
        }
        (info, var digestError) = await completion.CompleteVerifiedAsync(info, request, expected, cancellation);
        if (digestError is not null)
        {
            await ProblemResponder.WriteAsync(context, digestError);
            return;
        }
        IetfResponses.WriteState(context.Response, info, discovery.Limit(info, time.GetUtcNow()), completion.FileUrl(request, info));
        // §4.5: 201 while more is to come; once complete, the response the target would give for the whole representation.
        context.Response.StatusCode = info.IsComplete ? StatusCodes.Status200OK : StatusCodes.Status201Created;
    }

    /// <summary>The upload's metadata from the representation's own headers, kept in tus form like every upload's.</summary>
    private static UploadMetadata Describe(HttpRequest request)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            && (disposition.FileNameStar ?? disposition.FileName?.Trim('"')) is { Length: > 0 } name)
        {
            pairs.Add(new("filename", name));
        }
        if (request.ContentType is { Length: > 0 } type)
        {
            pairs.Add(new("filetype", type));
        }
        return UploadMetadata.FromStrings(pairs);
    }
}
