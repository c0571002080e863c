using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Protocol.Uploads;
using Baton.Protocol.Uploads.Dialects;
using Baton.Server.Uploads.Completion;
using Baton.Storage;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Ietf;

/// <summary>
/// Where IETF-shaped requests on <c>/uploads</c> and <c>/uploads/{id}</c> enter: the request's dialect is chosen by
/// <c>Upload-Draft-Interop-Version</c> (a missing or unsupported version, and tus's <c>Upload-Concat</c>, are refused before
/// anything is stored), then creation, offset retrieval, append or cancellation runs on the one store tus uses too — so an
/// upload started with either protocol continues with the other (same offset, lock and owner).
/// </summary>
public sealed class IetfEndpoint(
    IetfCreation creation, IetfUploadResource resource, IetfResponses responses, UploadTermination termination,
    UploadCompletion completion)
{
    /// <returns>The problem to answer with, or null once the response is set.</returns>
    public async Task<ProtocolError?> CreateAsync(HttpContext context) =>
        ChooseDialect(context, out var dialect) ?? await creation.HandleAsync(context, dialect!);

    /// <summary>HEAD (and GET where the dialect answers it), PATCH or DELETE on an upload the caller may use.</summary>
    /// <param name="lookup">The upload as the dispatcher found it (and checked the caller may use it): not looked up again.</param>
    /// <returns>The problem to answer with, or null once the response is set.</returns>
    public async Task<ProtocolError?> ResourceAsync(HttpContext context, UploadLookup lookup, string method)
    {
        if (ChooseDialect(context, out var chosen) is { } refused)
        {
            return refused;
        }
        var dialect = chosen!;
        var retrieval = HttpMethods.IsHead(method) || (HttpMethods.IsGet(method) && dialect.AnswersGet);
        if (!retrieval && !HttpMethods.IsPatch(method) && !HttpMethods.IsDelete(method))
        {
            return ProtocolErrors.MethodNotAllowed;
        }
        if (dialect.RejectsStateFieldsOnRetrievalAndCancellation && !HttpMethods.IsPatch(method)
            && IetfRequest.CarriesStateFields(context.Request, isCancellation: !retrieval))
        {
            return ProtocolErrors.UnexpectedUploadFields;
        }
        if (lookup.Info is not { } info)
        {
            return IetfResponses.Missing(dialect, lookup);
        }
        if (retrieval)
        {
            responses.WriteOffset(context, dialect, await completion.ReportableAsync(info, context.Request));
            return null;
        }
        return HttpMethods.IsPatch(method)
            ? await resource.AppendAsync(context, dialect, info)
            : await termination.HandleAsync(context, info.Id);
    }

    /// <summary>
    /// "Draft Version Identification": the dialect the request names, or the refusal to answer with (400 with the versions this server
    /// speaks, in <c>Baton-Interop-Versions</c> and the problem's <c>supported-versions</c>). An interop-5 client (tus-js-client's
    /// <c>ietf-draft-03</c>) is thus refused at creation instead of every append failing later.
    /// </summary>
    private static ProtocolError? ChooseDialect(HttpContext context, out RufhDialect? dialect)
    {
        var request = context.Request;
        dialect = RufhDialects.Resolve(request.Headers[ResumableUploadHeaders.DraftInteropVersion].ToString());
        var refusal = dialect is null ? ProtocolErrors.InteropVersionUnsupported
            : request.Headers.ContainsKey(TusHeaders.UploadConcat) ? ProtocolErrors.UploadConcatNotInIetf
            : null;
        if (refusal is not null)
        {
            context.Response.Headers[ResumableUploadHeaders.SupportedInteropVersions] = RufhDialects.VersionList;
        }
        return refusal;
    }
}
