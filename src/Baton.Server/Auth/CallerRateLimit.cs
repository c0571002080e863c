using System.Globalization;
using Baton.Protocol.Problems;
using Baton.Server.Problems;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Auth;

/// <summary>
/// A per-caller fixed-window limit applied as an endpoint filter, so it works in any host without extra middleware. Partitioned by
/// token name, or by client address for anonymous callers; counted in this process or, in cluster mode, for the whole cluster
/// (<see cref="IRateCounter"/>). Over the limit: 429 with Retry-After and a problem body.
/// </summary>
public sealed class CallerRateLimit(string name, int permitsPerMinute, IRateCounter counter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (await RefusalAsync(context.HttpContext) is { } refused)
        {
            await ProblemResponder.WriteAsync(context.HttpContext, refused);
            return null;
        }
        return await next(context);
    }

    /// <summary>Takes one permit for the caller of <paramref name="context"/>; when none is left sets Retry-After and returns the
    /// 429 problem to answer with (null: go on).</summary>
    public async Task<ProtocolError?> RefusalAsync(HttpContext context)
    {
        if (permitsPerMinute <= 0)
        {
            return null;
        }
        var verdict = await counter.CountAsync(name, PartitionKey(context), permitsPerMinute, context.RequestAborted);
        if (verdict.Allowed)
        {
            return null;
        }
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(verdict.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ProtocolErrors.RateLimited;
    }

    private static string PartitionKey(HttpContext context) =>
        BatonCaller.From(context.User) is { Name: not BatonCaller.AnonymousName } caller
            ? "token:" + caller.Name
            : "ip:" + context.Connection.RemoteIpAddress;
}
