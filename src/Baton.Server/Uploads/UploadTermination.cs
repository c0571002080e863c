using Baton.Protocol.Problems;
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
    /// <returns>The problem to answer with, or null once the 204 is set.</returns>
    public async Task<ProtocolError?> HandleAsync(HttpContext context, string id)
    {
        if (store.Termination is null)
        {
            return ProtocolErrors.MethodNotAllowed;
        }
        var before = (await store.Core.FindAsync(id, context.RequestAborted)).Info;
        switch (await store.Termination.TerminateAsync(id, context.RequestAborted))
        {
            case TerminationOutcome.Terminated:
                await events.TerminatedAsync(id, before, context.RequestAborted);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return null;
            case TerminationOutcome.Gone:
                return ProtocolErrors.UploadGone;
            case TerminationOutcome.Locked:
                return ProtocolErrors.UploadLocked;
            default:
                return ProtocolErrors.UploadNotFound;
        }
    }
}
