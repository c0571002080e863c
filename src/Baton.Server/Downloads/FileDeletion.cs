using Baton.Protocol.Preconditions;
using Baton.Protocol.Problems;
using Baton.Server.Problems;
using Baton.Server.Files;
using Baton.Storage;
using Baton.Storage.Files;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Downloads;

/// <summary><c>DELETE /files/{path}</c>: removes one stored file; honours If-Match / If-Unmodified-Since (RFC 9110 §13.1.1, §13.1.4).</summary>
public sealed class FileDeletion(
    DownloadRepresentation representation, IFileSource source, IFileDigests digests, IFileOwners owners, ContentTracking contents)
{
    /// <returns>The problem to answer with (<see cref="ProblemAnswers"/> writes it), or null once the 204 is set.</returns>
    public async Task<ProtocolError?> HandleAsync(HttpContext context, string? path)
    {
        var opened = await representation.OpenAsync(path, context.RequestAborted);
        if (opened.Error is { } error)
        {
            return error;
        }
        var file = opened.File!;
        await opened.Reader!.DisposeAsync();
        var headers = context.Request.Headers;
        var result = PreconditionEvaluator.Evaluate(context.Request.Method,
            new ConditionalHeaders(IfMatch: headers.IfMatch.Count > 0 ? headers.IfMatch.ToString() : null,
                IfUnmodifiedSince: headers.IfUnmodifiedSince.Count > 0 ? headers.IfUnmodifiedSince.ToString() : null),
            new RepresentationValidators(file.Version.ETag, file.Version.LastModified), hasRange: false);
        if (result.Outcome != PreconditionOutcome.Proceed)
        {
            return ProtocolErrors.PreconditionFailed;
        }
        if (source.Capabilities.Deletion is not { } deletion)
        {
            return ProtocolErrors.MethodNotAllowed.WithDetail("This storage does not delete files.");
        }
        // The backend deletes only the version the preconditions were evaluated against.
        switch (await deletion.DeleteAsync(file.Path, file.Version, context.RequestAborted))
        {
            case DeletionOutcome.Deleted:
                if (digests.TryGet(file.RelativeName, file.Version, out var sha256))
                {
                    await contents.DeletedAsync(new StoredContent(file.Path, file.Version, sha256), CancellationToken.None);
                }
                digests.Forget(file.RelativeName);
                owners.Forget(file.RelativeName);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return null;
            case DeletionOutcome.NotFound:
                return ProtocolErrors.NotFound;
            case DeletionOutcome.Changed:
                return ProtocolErrors.PreconditionFailed;
            default:
                return ProtocolErrors.Internal.WithDetail("The file could not be deleted.");
        }
    }
}
