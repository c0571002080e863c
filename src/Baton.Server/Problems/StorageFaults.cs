using System.Globalization;
using Baton.Protocol.Problems;
using Baton.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Server.Problems;

/// <summary>
/// Maps storage faults raised anywhere below an endpoint to the problem catalogue: an unreachable backend is a 503 with
/// <c>Retry-After</c> and the <c>storage-unavailable</c> problem — never a 500 with a stack trace. Added to every Baton endpoint by
/// <c>MapBaton()</c>. The exception's message stays in the log; the body says only what the catalogue says.
/// </summary>
public static partial class StorageFaults
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (StorageUnavailableException e)
        {
            var http = context.HttpContext;
            LogUnavailable(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageFaults)), e.Message);
            if (!http.Response.HasStarted)
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }
            await ProblemResponder.WriteAsync(http, ProtocolErrors.StorageUnavailable);
            return Results.Empty;
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Storage unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
