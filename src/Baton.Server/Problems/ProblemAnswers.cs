using Baton.Protocol.Problems;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Problems;

/// <summary>
/// For endpoints whose handler returns the <see cref="ProtocolError"/> to answer with, or null once it has set the response
/// itself: the problem is written here, through <see cref="ProblemResponder"/>, so handlers return refusals instead of each
/// writing one and returning (the upload dispatcher does the same for upload requests).
/// </summary>
public sealed class ProblemAnswers : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is ProtocolError error)
        {
            await ProblemResponder.WriteAsync(context.HttpContext, error);
        }
        // Anything else the handler answered itself; null must not be serialized as a JSON "null" body.
        return result is ProtocolError or null ? Results.Empty : result;
    }
}
