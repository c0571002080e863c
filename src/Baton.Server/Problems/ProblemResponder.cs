using System.Text.Json;
using Baton.Protocol.Problems;
using Baton.Storage.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Problems;

/// <summary>The one place where a <see cref="ProtocolError"/> becomes an <c>application/problem+json</c> response (RFC 9457).</summary>
public static class ProblemResponder
{
    public const string MediaType = "application/problem+json";

    /// <summary>
    /// Writes the problem. Headers the protocol requires alongside it (Content-Range on 416, Tus-Resumable…) are set by
    /// the caller before this is called; the body is omitted for HEAD, as for any response to HEAD.
    /// </summary>
    public static Task WriteAsync(HttpContext context, ProtocolError error)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            // Nothing sane can be said once bytes are on the wire: cut the connection so the client sees a failure.
            context.Abort();
            return Task.CompletedTask;
        }

        (context.RequestServices?.GetService<BatonMetrics>())?.Problem(error.Type, error.Status);
        response.StatusCode = error.Status;
        response.ContentType = MediaType;
        response.Headers.CacheControl = "no-store";
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ProblemBody(error.Type, error.Title, error.Status, error.Detail, context.Request.Path.Value)
            {
                Members = error.Members is null ? null : new Dictionary<string, object>(error.Members),
            },
            ProblemJsonContext.Default.ProblemBody);
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }
}
