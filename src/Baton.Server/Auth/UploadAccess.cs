using Baton.Protocol.Problems;
using Baton.Storage;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Auth;

/// <summary>
/// The access rules of uploads: an upload belongs to whoever created it, and anybody else is told it does not exist (404, so
/// upload URLs cannot be probed); a token's max upload size and storage quota are checked at creation, before any byte is written.
/// </summary>
public sealed class UploadAccess(FileOwners owners)
{
    /// <summary>The owner recorded for an upload created by this request.</summary>
    public static string? OwnerOf(HttpContext context) => BatonCaller.From(context.User)?.Name;

    /// <summary>Whether the caller may see or change <paramref name="upload"/>: its owner, an admin, or an upload without owner.</summary>
    public static bool MayUse(HttpContext context, UploadInfo upload)
    {
        var caller = BatonCaller.From(context.User);
        return upload.Owner is null || (caller is not null && (caller.Can(BatonPermissions.Admin) || caller.Name == upload.Owner));
    }

    /// <summary>413 past the caller's max upload size; 507 when the upload would not fit the caller's quota.</summary>
    public ProtocolError? CheckCreation(HttpContext context, long? length)
    {
        if (BatonCaller.From(context.User) is not { } caller || length is not long bytes)
        {
            return null;
        }
        if (caller.MaxUploadSize > 0 && bytes > caller.MaxUploadSize)
        {
            return ProtocolErrors.UploadTooLarge.WithDetail($"This token may upload at most {caller.MaxUploadSize} bytes at once.");
        }
        if (caller.QuotaBytes > 0)
        {
            var used = owners.BytesOwnedBy(caller.Name);
            if (used + bytes > caller.QuotaBytes)
            {
                return ProtocolErrors.QuotaExceeded.WithDetail(
                    $"The token's quota is {caller.QuotaBytes} bytes; {used} are used and this upload needs {bytes}.");
            }
        }
        return null;
    }

    /// <summary>Records the owner of a stored file that an upload became.</summary>
    public void Placed(UploadInfo upload)
    {
        if (upload is { PlacedPath: { } path, Owner: { } owner })
        {
            owners.Record(path, owner);
        }
    }
}
