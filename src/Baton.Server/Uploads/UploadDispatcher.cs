using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Server.Auth;
using Baton.Server.Problems;
using Baton.Storage;
using Baton.Storage.Records;
using Baton.Server.Uploads.Http;
using Baton.Server.Uploads.Ietf;
using Baton.Server.Uploads.Instant;
using Baton.Server.Uploads.Tus;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads;

/// <summary>
/// Routes a request on <c>/uploads</c> or <c>/uploads/{id}</c> to the protocol it speaks: a request with <c>Tus-Resumable</c>
/// is tus; one with <c>Upload-Complete</c> or <c>Upload-Draft-Interop-Version</c> is the IETF draft (<see cref="IetfEndpoint"/>,
/// which picks the draft's dialect); anything else is treated as tus (and answered 412 with Tus-Version, tus §Tus-Resumable).
/// Both act on the one store.
/// </summary>
public sealed partial class UploadDispatcher(
    IOptions<BatonOptions> options, UploadDiscovery discovery, TimeProvider time,
    TusCreation tusCreation, TusUploadResource tusResource, IetfEndpoint ietf,
    StoreCapabilities store, UploadTermination termination, PossessionProofs proofs, ILogger<UploadDispatcher> logger)
{
    public Task CollectionAsync(HttpContext context) => GuardAsync(context, async () =>
    {
        var method = context.Request.Method;
        if (HttpMethods.IsOptions(method))
        {
            discovery.WriteOptions(context, time.GetUtcNow(), UploadDiscovery.CollectionMethods);
            return null;
        }
        if (!HttpMethods.IsPost(method))
        {
            // RFC 9110 §15.5.6: a 405 lists what the target does allow.
            context.Response.Headers.Allow = UploadDiscovery.CollectionMethods;
            return ProtocolErrors.MethodNotAllowed;
        }
        if (IetfRequest.IsIetf(context.Request))
        {
            return await ietf.CreateAsync(context);
        }
        return CheckTus(context) ?? await tusCreation.HandleAsync(context);
    });

    private ProtocolError NotAllowed(HttpContext context)
    {
        context.Response.Headers.Allow = discovery.ResourceMethods;
        return ProtocolErrors.MethodNotAllowed;
    }

    public Task ResourceAsync(HttpContext context) => GuardAsync(context, async () =>
    {
        var id = context.GetRouteValue("id") as string ?? "";
        var method = EffectiveMethod(context.Request);
        if (method is null)
        {
            return ProtocolErrors.InvalidMethodOverride;
        }
        if (HttpMethods.IsOptions(method))
        {
            discovery.WriteOptions(context, time.GetUtcNow(), discovery.ResourceMethods);
            return null;
        }
        // An upload belongs to its creator: to anybody else it does not exist (no probing of upload URLs).
        var found = await store.Core.FindAsync(id, context.RequestAborted);
        if (found is { Info: { } existing } && !UploadAccess.MayUse(context, existing))
        {
            if (!IetfRequest.IsIetf(context.Request))
            {
                context.Response.Headers[TusHeaders.Resumable] = TusHeaders.Version;
            }
            return ProtocolErrors.UploadNotFound;
        }
        if (PossessionProofs.IsAnswer(context.Request, method))
        {
            return await proofs.HandleAsync(context, found);
        }
        if (IetfRequest.IsIetf(context.Request))
        {
            return await ietf.ResourceAsync(context, found, method);
        }
        if (HttpMethods.IsGet(method))
        {
            // GET is only the IETF editor's copy's offset retrieval; tus has none.
            return ProtocolErrors.MethodNotAllowed;
        }
        return CheckTus(context) ?? method switch
        {
            "HEAD" => await tusResource.HeadAsync(context, found),
            "PATCH" => await tusResource.PatchAsync(context, found),
            "DELETE" => await termination.HandleAsync(context, id),
            _ => NotAllowed(context),
        };
    });

    /// <summary>tus §X-HTTP-Method-Override: the header, when present, is the method (null when it names none we serve).</summary>
    private static string? EffectiveMethod(HttpRequest request)
    {
        var overridden = request.Headers[TusHeaders.MethodOverride].ToString().Trim();
        if (overridden.Length == 0)
        {
            return request.Method;
        }
        overridden = overridden.ToUpperInvariant();
        return overridden is "HEAD" or "PATCH" or "DELETE" or "OPTIONS" ? overridden : null;
    }

    /// <summary>tus §Tus-Resumable: every tus response carries it; an unsupported version is 412 with Tus-Version.</summary>
    private static ProtocolError? CheckTus(HttpContext context)
    {
        context.Response.Headers[TusHeaders.Resumable] = TusHeaders.Version;
        if (TusRequest.HasSupportedVersion(context.Request))
        {
            return null;
        }
        context.Response.Headers[TusHeaders.TusVersion] = TusHeaders.Version;
        return ProtocolErrors.TusVersionUnsupported;
    }

    /// <summary>
    /// Runs a handler and answers the problem it returns — the one place an upload request's refusal becomes a response (the
    /// handlers only set the protocol headers that go with it) — and maps storage faults the handlers do not catch.
    /// </summary>
    private async Task GuardAsync(HttpContext context, Func<Task<ProtocolError?>> handle)
    {
        if (UploadCors.Apply(context, options.Value))
        {
            return;
        }
        try
        {
            if (await handle() is { } refused)
            {
                await ProblemResponder.WriteAsync(context, refused);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
        }
        catch (IOException e) when (StorageFullException.IsSpaceExhausted(e))
        {
            // No room for a record or a new upload: nothing was acknowledged that is not stored.
            LogStorageFull(logger, context.Request.Method, context.Request.Path);
            await ProblemResponder.WriteAsync(context, ProtocolErrors.StorageFull);
        }
        catch (Exception e) when (e is IOException and not (StorageUnavailableException or UploadRecordConflictException)
                                       or UnauthorizedAccessException)
        {
            // (An unreachable backend, or a record another instance changed, is not caught here: StorageFaults answers it with
            // 503 + Retry-After.)
            // Disk full, permissions…: the store has kept its committed state; say so without internals.
            LogStorageFailure(logger, e, context.Request.Method, context.Request.Path);
            await ProblemResponder.WriteAsync(context, ProtocolErrors.Internal.WithDetail("The upload could not be stored; retry later."));
        }
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Upload storage is full on {Method} {Path}: answered 507")]
    private static partial void LogStorageFull(ILogger logger, string method, PathString path);

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Upload storage failed on {Method} {Path}")]
    private static partial void LogStorageFailure(ILogger logger, Exception exception, string method, PathString path);
}
