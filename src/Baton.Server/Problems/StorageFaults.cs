using System.Globalization;
using Baton.Protocol.Problems;
using Baton.Storage;
using Baton.Storage.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Server.Problems;

/// <summary>
/// Maps storage faults raised anywhere below an endpoint to the problem catalogue: an unreachable backend is a 503 with
/// <c>Retry-After</c> and the <c>storage-unavailable</c> problem, storage without room a 507 <c>storage-full</c> — never a 500 with
/// a stack trace. Added to every Baton endpoint by
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
        catch (UploadRecordConflictException e)
        {
            // Another instance took the upload over while this request still wrote (its lock was lost): nothing of this request
            // was acknowledged; the client asks for the offset and resumes — a moment later, as for an unreachable backend.
            var http = context.HttpContext;
            LogUnavailable(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageFaults)), e.Message);
            if (!http.Response.HasStarted)
            {
                http.Response.Headers.RetryAfter = "1";
            }
            await ProblemResponder.WriteAsync(http, ProtocolErrors.StorageUnavailable);
            return Results.Empty;
        }
        catch (IOException e) when (StorageFullException.IsSpaceExhausted(e) && !context.HttpContext.Response.HasStarted)
        {
            // RFC 4918 §11.5: a folder, record or file that found no room (Files API, placement).
            LogFull(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageFaults)), e.Message);
            await ProblemResponder.WriteAsync(context.HttpContext, ProtocolErrors.StorageFull);
            return Results.Empty;
        }
    }

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Storage full: {Reason}")]
    private static partial void LogFull(ILogger logger, string reason);

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Storage unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
