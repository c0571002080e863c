using Baton.Protocol.Fields;
using Baton.Server.Auth;
using Baton.Server.Uploads.Completion;
using Baton.Storage;
using Baton.Storage.Files;
using Baton.Storage.Possession;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Instant;

/// <summary>
/// Digest-first creation (issue 15 item 2): a new upload that declared its SHA-256 (<c>Repr-Digest</c>) and full length and sent no
/// content completes at once when the caller may read a stored file with that content — the upload adopts the file's bytes and is
/// placed under its own name by the same rules as any completed upload. Otherwise it stays an ordinary upload, and with
/// <see cref="UploadOptions.InstantAcrossScopes"/> gets a proof-of-possession challenge — whether or not the content exists, so the
/// answer to a caller who may not read it is the same either way (item 4).
/// </summary>
public sealed class InstantCompletion(
    StoreCapabilities store, ContentLookup lookup, UploadCompletion completion, IProofChallenges challenges, IOptions<BatonOptions> options)
{
    /// <summary>The upload's state after trying; complete and placed when it completed instantly.</summary>
    public async Task<UploadInfo> TryAsync(HttpContext context, UploadInfo created)
    {
        if (created is not { ExpectedSha256: { } sha256, Length: long length and > 0, Offset: 0, Kind: UploadKind.Regular }
            || store.Adoption is not { } adoption)
        {
            return created;
        }
        var serveHidden = options.Value.Downloads.ServeHiddenFiles;
        UploadInfo? adopted = null;
        try
        {
            var found = await lookup.FindAsync(ContentKey.Of(sha256, length), name => UploadAccess.MayRead(context, name, serveHidden),
                context.RequestAborted);
            adopted = found is null ? null : await adoption.AdoptAsync(created.Id, found, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // (StorageUnavailableException included.) The upload exists already: an index or a copy that fails leaves it an
            // ordinary one, never a failed creation.
        }
        if (adopted is { IsComplete: true })
        {
            return await completion.CompleteAsync(adopted, context.Request);
        }
        if (options.Value.Uploads.InstantAcrossScopes)
        {
            context.Response.Headers[BatonFieldNames.ProofChallenge] = (await challenges.IssueAsync(created.Id, length, context.RequestAborted)).Format();
        }
        return created;
    }
}
