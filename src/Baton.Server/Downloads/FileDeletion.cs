using Baton.Protocol.Preconditions;
using Baton.Protocol.Problems;
using Baton.Server.Auth;
using Baton.Server.Digests;
using Baton.Server.Problems;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Downloads;

/// <summary><c>DELETE /files/{path}</c>: removes one stored file; honours If-Match / If-Unmodified-Since (RFC 9110 §13.1.1, §13.1.4).</summary>
public sealed class FileDeletion(DownloadRepresentation representation, IFileDigestCache digests, FileOwners owners)
{
    public async Task HandleAsync(HttpContext context, string? path)
    {
        var opened = representation.Open(path);
        if (opened.Error is { } error)
        {
            await ProblemResponder.WriteAsync(context, error);
            return;
        }
        var file = opened.File!;
        using (opened.Handle)
        {
            var headers = context.Request.Headers;
            var result = PreconditionEvaluator.Evaluate(context.Request.Method,
                new ConditionalHeaders(IfMatch: headers.IfMatch.Count > 0 ? headers.IfMatch.ToString() : null,
                    IfUnmodifiedSince: headers.IfUnmodifiedSince.Count > 0 ? headers.IfUnmodifiedSince.ToString() : null),
                new RepresentationValidators(file.Version.ETag, file.Version.LastModified), hasRange: false);
            if (result.Outcome != PreconditionOutcome.Proceed)
            {
                await ProblemResponder.WriteAsync(context, ProtocolErrors.PreconditionFailed);
                return;
            }
        }
        try
        {
            File.Delete(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await ProblemResponder.WriteAsync(context, ProtocolErrors.Internal.WithDetail("The file could not be deleted."));
            return;
        }
        digests.Forget(file.FullPath);
        owners.Forget(file.FullPath);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
