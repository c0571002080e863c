using Baton.Protocol.Paths;
using Baton.Storage;
using Baton.Storage.Files;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Uploads.Completion;

/// <summary>
/// Recognises a retried upload: when the response to a creation-with-upload is lost the client sends it again, and the clash rule
/// would store <c>name (1).bin</c> beside an identical <c>name.bin</c> (issue 11 item 13). When the requested name already holds
/// exactly this upload's bytes (same length, same SHA-256) and the same owner, the upload replaces it with itself instead of
/// keeping both. Another owner's file is never taken over, so nobody learns or claims a file through this.
/// </summary>
public sealed class RetriedCreation(IServiceProvider services, StoreCapabilities store)
{
    public async Task<bool> IsRetryOfAsync(string relativeName, UploadInfo upload)
    {
        if (services.GetService<IFileSource>() is not { } files || store.Placement is null
            || RelativePath.TryParse(relativeName, allowHidden: false, out var name) != PathCheck.Valid
            || await files.StatAsync(name, CancellationToken.None).ConfigureAwait(false) is not { Kind: FileKind.File, Version: { } version }
            || version.Length != upload.Offset
            || services.GetService<IFileOwners>()?.OwnerOf(relativeName) != upload.Owner)
        {
            return false;
        }
        var sha256 = await store.Placement.DigestAsync(upload.Id, CancellationToken.None).ConfigureAwait(false);
        if (sha256 is null)
        {
            return false;
        }
        await using var reader = await files.OpenAsync(name, CancellationToken.None).ConfigureAwait(false);
        if (reader is null)
        {
            return false;
        }
        if (services.GetService<IFileDigests>() is not { } digests || !digests.TryGet(relativeName, reader.Version, out var existing))
        {
            existing = await FileHashes.Sha256Async(reader, CancellationToken.None).ConfigureAwait(false);
        }
        return existing.AsSpan().SequenceEqual(sha256);
    }
}
