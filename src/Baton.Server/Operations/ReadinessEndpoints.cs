using System.Globalization;
using Baton.Protocol.Problems;
using Baton.Server.Problems;
using Baton.Storage.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Operations;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (its dependencies answer: storage, and PostgreSQL in cluster mode),
/// for load balancers and orchestrators. Both anonymous and never rate-limited: a probe must not need credentials or be refused
/// for asking too often. Not ready: 503 + Retry-After with a problem naming what is down (RFC 9110 §15.6.4).
/// </summary>
public static partial class ReadinessEndpoints
{
    public const string HealthPath = "/healthz";
    public const string ReadyPath = "/readyz";

    public static void MapReadiness(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(HealthPath, () => Results.Text("ok")).ExcludeFromDescription();
        endpoints.MapMethods(ReadyPath, [HttpMethods.Get, HttpMethods.Head], ReadyAsync).ExcludeFromDescription();
    }

    private static async Task ReadyAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var timeout = services.GetRequiredService<IOptions<BatonOptions>>().Value.ReadinessTimeout;
        var probes = services.GetServices<IDependencyProbe>().ToArray();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReadinessEndpoints));
        var outcomes = await Task.WhenAll(probes.Select(p => AnswersAsync(p, timeout, logger, context.RequestAborted)));
        var verdict = ReadinessVerdict.From(probes.Select((p, i) => (p.Name, outcomes[i])));
        context.Response.Headers.CacheControl = "no-store";
        if (verdict.Ready)
        {
            await Results.Text("ready").ExecuteAsync(context);
            return;
        }
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await ProblemResponder.WriteAsync(context, ProtocolErrors.NotReadyBecause(verdict.Down));
    }

    private static async Task<bool> AnswersAsync(IDependencyProbe probe, TimeSpan timeout, ILogger logger, CancellationToken aborted)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        bounded.CancelAfter(timeout);
        try
        {
            await probe.ProbeAsync(bounded.Token).WaitAsync(bounded.Token);
            return true;
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            LogDown(logger, probe.Name, e.Message);
            return false;
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "Not ready: {Dependency} does not answer ({Reason})")]
    private static partial void LogDown(ILogger logger, string dependency, string reason);
}
