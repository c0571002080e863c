using System.Globalization;
using System.Threading.RateLimiting;
using Baton.Protocol.Problems;
using Baton.Server.Problems;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Auth;

/// <summary>
/// A per-caller fixed-window limit (System.Threading.RateLimiting, the engine of ASP.NET Core's rate limiter) applied as an endpoint
/// filter, so it works in any host without extra middleware. Partitioned by token name, or by client address for anonymous callers.
/// Over the limit: 429 with Retry-After and a problem body.
/// </summary>
public sealed class CallerRateLimit(int permitsPerMinute) : IEndpointFilter, IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (permitsPerMinute <= 0)
        {
            return await next(context);
        }
        return await TryAcquireAsync(context.HttpContext) ? await next(context) : null;
    }

    /// <summary>Takes one permit for the caller of <paramref name="context"/>; when none is left answers 429 (with Retry-After and a
    /// problem) and returns false.</summary>
    public async Task<bool> TryAcquireAsync(HttpContext context)
    {
        if (permitsPerMinute <= 0)
        {
            return true;
        }
        using var lease = _limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            return true;
        }
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await ProblemResponder.WriteAsync(context, ProtocolErrors.RateLimited);
        return false;
    }

    private static string PartitionKey(HttpContext context) =>
        BatonCaller.From(context.User) is { Name: not BatonCaller.AnonymousName } caller
            ? "token:" + caller.Name
            : "ip:" + context.Connection.RemoteIpAddress;

    public void Dispose() => _limiter.Dispose();
}
