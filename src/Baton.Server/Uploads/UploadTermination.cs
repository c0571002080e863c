using Baton.Protocol.Problems;
using Baton.Server.Problems;
using Baton.Server.Uploads.Events;
using Baton.Storage;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads;

/// <summary>
/// <c>DELETE /uploads/{id}</c> for both protocols (tus termination extension, the IETF drafts' cancellation): the same store operation,
/// event and answers; only the protocol headers around it differ, and the dispatcher sets those.
/// </summary>
public sealed class UploadTermination(StoreCapabilities store, UploadEventDispatcher events)
{
    public async Task HandleAsync(HttpContext context, string id)
    {
        if (store.Termination is null)
        {
            await ProblemResponder.WriteAsync(context, ProtocolErrors.MethodNotAllowed);
            return;
        }
        var before = (await store.Core.FindAsync(id, context.RequestAborted)).Info;
        switch (await store.Termination.TerminateAsync(id, context.RequestAborted))
        {
            case TerminationOutcome.Terminated:
                await events.TerminatedAsync(id, before, context.RequestAborted);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            case TerminationOutcome.Gone:
                await ProblemResponder.WriteAsync(context, ProtocolErrors.UploadGone);
                return;
            case TerminationOutcome.Locked:
                await ProblemResponder.WriteAsync(context, ProtocolErrors.UploadLocked);
                return;
            default:
                await ProblemResponder.WriteAsync(context, ProtocolErrors.UploadNotFound);
                return;
        }
    }
}
