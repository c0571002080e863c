using Baton.Protocol.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Problems;

/// <summary>
/// Gives bodiless error responses from the framework itself (no route matched → 404, wrong method → 405, oversized headers → 431…)
/// the same problem+json shape as Baton's own rejections. For hosts that want it: <c>app.UseBatonProblems()</c>.
/// </summary>
public static class StatusCodeProblems
{
    public static IApplicationBuilder UseBatonProblems(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => ProblemResponder.WriteAsync(context.HttpContext, For(context.HttpContext.Response.StatusCode)));

    private static ProtocolError For(int status) => status switch
    {
        StatusCodes.Status404NotFound => ProtocolErrors.NotFound,
        StatusCodes.Status405MethodNotAllowed => ProtocolErrors.MethodNotAllowed,
        _ => new ProtocolError(status, "about:blank", ReasonPhrases(status)),
    };

    private static string ReasonPhrases(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
