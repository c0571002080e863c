using Baton.Protocol.Problems;
using Baton.Protocol.Uploads.Dialects;
using Baton.Server.Uploads.Completion;
using Baton.Server.Uploads.Events;
using Baton.Server.Uploads.Http;
using Baton.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Ietf;

/// <summary>What became of the content of a creation or append: the upload's state, and the rejection if any
/// (<see cref="Final"/>: the representation was received and its processing failed).</summary>
public readonly record struct IetfAppendResult(UploadInfo? Info, ProtocolError? Error, bool Final = false);

/// <summary>
/// Storing the content of a creation or append request (the part both share): appended at the offset under the upload's lock
/// (the store's), whatever arrived kept when the client leaves; <c>Upload-Complete: ?1</c> fixes an unknown length to what
/// arrived ("Length"); content past a known length is refused and, from draft-08 on, deactivates the upload; a completed upload
/// is checked against <c>Repr-Digest</c> and becomes a file.
/// </summary>
public sealed class IetfAppending(
    StoreCapabilities store, IOptions<BatonOptions> options, UploadCompletion completion, UploadEventDispatcher events)
{
    public async Task<IetfAppendResult> AppendAsync(HttpContext context, RufhDialect dialect, string id, long offset, bool complete)
    {
        var request = context.Request;
        var cancellation = context.RequestAborted;
        var uploads = options.Value.Uploads;
        UploadRequestBody.Prepare(context, uploads);
        var result = await completion.AppendAsync(id,
            new AppendRequest(offset, request.BodyReader, null, uploads.MaxSize > 0 ? uploads.MaxSize : null), cancellation);
        if (IetfResponses.ErrorFor(result, dialect, offset) is { } error)
        {
            if (result.Outcome == AppendOutcome.LengthExceeded && result.Info?.Length is not null && dialect.DeactivatesPastLength)
            {
                await DeactivateAsync(result.Info, cancellation);
                return new IetfAppendResult(null, error);
            }
            return new IetfAppendResult(result.Info, error);
        }
        var info = result.Info!;
        if (complete && result.Outcome == AppendOutcome.Appended)
        {
            if (info.Length is null && store.LengthDeferral is not null)
            {
                // Upload-Complete: ?1 on content of unknown length (chunked): what arrived is the whole.
                await store.LengthDeferral.DeclareLengthAsync(id, info.Offset, cancellation);
                info = (await store.Core.FindAsync(id, cancellation)).Info ?? info;
            }
            else if (info.Length is long length && info.Offset < length)
            {
                return new IetfAppendResult(info, IetfResponses.InconsistentLength(dialect,
                    $"Upload-Complete: ?1 ended the content at {info.Offset}, but the upload's length is {length}."));
            }
        }
        var (completed, digestError) = await completion.CompleteVerifiedAsync(info, request, IetfRequest.ExpectedSha256(request));
        return new IetfAppendResult(completed, digestError, Final: digestError is not null);
    }

    /// <summary>draft-08 onwards, "Upload Append": once the offset would exceed the length the upload resource is marked invalid
    /// and any further interaction rejected (410 afterwards).</summary>
    private async Task DeactivateAsync(UploadInfo info, CancellationToken cancellation)
    {
        if (store.Termination is not null
            && await store.Termination.TerminateAsync(info.Id, cancellation) == TerminationOutcome.Terminated)
        {
            await events.TerminatedAsync(info.Id, info, cancellation);
        }
    }
}
