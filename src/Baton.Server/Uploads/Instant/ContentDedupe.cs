using Baton.Protocol.Paths;
using Baton.Server.Auth;
using Baton.Server.Hosting;
using Baton.Storage;
using Baton.Storage.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Instant;

/// <summary>
/// Silent storage dedupe (issue 15 item 5) and feeding the content index (item 1). Before a complete upload is placed, stored
/// content with the same SHA-256 and length is looked up (nobody is told: the response is the same either way) and, where the
/// backend can share storage, the upload adopts it — on disk its data becomes a hard link of the stored file, so the placed name
/// is a second name of one inode. Only files the uploading caller may read are shared with: one inode has one modification time,
/// so a name shared with a file the caller cannot read would show that file's Last-Modified — telling the caller the content was
/// stored before, and when (an existence oracle, item 4). Once placed, the file's name is added to the index.
/// </summary>
public sealed partial class ContentDedupe(
    StoreCapabilities store, ContentLookup lookup, IContentIndex index, BatonRoot root, IOptions<BatonOptions> options,
    ILogger<ContentDedupe> logger)
{
    /// <summary>Lets complete, unplaced <paramref name="upload"/> share the storage of identical stored content its caller may read,
    /// when there is any. Without the request that completed it (a restart finishing it) nothing is shared.</summary>
    public async Task ShareAsync(UploadInfo upload, HttpRequest? request)
    {
        if (store.Adoption is not { SharesCompleteUploads: true } adoption || store.Placement is null || request is null
            || upload is not { IsComplete: true, Offset: > 0, Sha256: null } || upload.Kind == UploadKind.Partial)
        {
            return;
        }
        var serveHidden = options.Value.Downloads.ServeHiddenFiles;
        var context = request.HttpContext;
        try
        {
            // (An upload that adopted stored content already knows its SHA-256 and shares it: nothing to look for.)
            var sha256 = await store.Placement.DigestAsync(upload.Id, CancellationToken.None).ConfigureAwait(false);
            if (sha256 is not null
                && await lookup.FindAsync(ContentKey.Of(sha256, upload.Offset), name => UploadAccess.MayRead(context, name, serveHidden),
                    CancellationToken.None).ConfigureAwait(false) is { } found
                && await adoption.AdoptAsync(upload.Id, found, CancellationToken.None).ConfigureAwait(false) is not null)
            {
                LogShared(logger, upload.Id, found.Name.ToString());
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StorageUnavailableException)
        {
            // Dedupe saves space; it never stands between an upload and its placement.
            LogShareFailed(logger, upload.Id, e);
        }
    }

    /// <summary>Records that the file <paramref name="placed"/> became holds its content.</summary>
    public async Task IndexAsync(UploadInfo placed)
    {
        if (placed is not { PlacedPath: { } path, Sha256: { } sha256 }
            || RelativePath.TryParse(root.RelativeName(path), allowHidden: true, out var name) != PathCheck.Valid)
        {
            return;
        }
        try
        {
            await index.AddAsync(ContentKey.Of(sha256, placed.Offset), name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageUnavailableException e)
        {
            // A hint lost: this content is uploaded once more before it can complete instantly.
            LogIndexFailed(logger, placed.Id, e);
        }
    }

    [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "Upload {UploadId} shares its storage with {Name} (same content)")]
    private static partial void LogShared(ILogger logger, string uploadId, string name);

    [LoggerMessage(EventId = 331, Level = LogLevel.Warning, Message = "Upload {UploadId}: looking for identical stored content failed; placed on its own")]
    private static partial void LogShareFailed(ILogger logger, string uploadId, Exception exception);

    [LoggerMessage(EventId = 332, Level = LogLevel.Warning, Message = "Upload {UploadId}: its file could not be added to the content index")]
    private static partial void LogIndexFailed(ILogger logger, string uploadId, Exception exception);
}
