using Baton.Protocol.Problems;
using Baton.Server.Hosting;
using Baton.Storage;
using Baton.Storage.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Auth;

/// <summary>
/// The access rules of uploads: an upload belongs to whoever created it, and anybody else is told it does not exist (404, so
/// upload URLs cannot be probed); a token's max upload size and storage quota are checked at creation, before any byte is written.
/// </summary>
public sealed class UploadAccess(IFileOwners owners, BatonRoot root)
{
    /// <summary>The owner recorded for an upload created by this request.</summary>
    public static string? OwnerOf(HttpContext context) => BatonCaller.From(context.User)?.Name;

    /// <summary>The folder the caller is confined to (root-relative), recorded with its uploads; null for the whole root.</summary>
    public static string? ScopeOf(HttpContext context) => BatonCaller.From(context.User)?.Confinement?.ToString();

    /// <summary>Whether the caller may see or change <paramref name="upload"/>: its owner, an admin, or an upload without owner —
    /// and for a caller confined to a folder only an upload made in that same folder by it (an ownerless upload, or one whose
    /// owner name it shares through another scheme, would be placed outside: found in review of the scope work).</summary>
    public static bool MayUse(HttpContext context, UploadInfo upload)
    {
        var caller = BatonCaller.From(context.User);
        if (caller?.Confinement is { } scope)
        {
            return caller.Name == upload.Owner && upload.Scope == scope.ToString();
        }
        return upload.Owner is null
               || (caller is not null && (caller.Can(BatonPermissions.Admin) || caller.Name == upload.Owner
                   // a link made for exactly this upload resource (handed out when a signed upload link created it)
                   || (caller.LinkPath is not null && caller.LinkPath == (context.Request.PathBase + context.Request.Path).Value)));
    }

    /// <summary>Whether the caller may download the stored file <paramref name="name"/> (root-relative): the Download permission, not a
    /// link made for one path, the name inside its scope and not hidden by the server's policy. What an instant upload may copy
    /// without a proof (issue 15 item 2).</summary>
    public static bool MayRead(HttpContext context, Baton.Protocol.Paths.RelativePath name, bool serveHidden)
    {
        if (BatonCaller.From(context.User) is not { LinkPath: null } caller || !caller.Can(BatonPermissions.Download)
            || Baton.Protocol.Paths.RelativePath.TryParse(name.ToString(), serveHidden, out _) != Baton.Protocol.Paths.PathCheck.Valid)
        {
            return false;
        }
        return caller.Confinement is not { } scope || scope.FromRoot(name) is not null;
    }

    /// <summary>
    /// The <c>Location</c> to hand out for a new upload. An upload created through a signed upload link has no token behind it, so
    /// its Location is signed too (until the same expiry): the client that holds it — and only it — can resume, check and cancel
    /// that one upload.
    /// </summary>
    public static string Location(HttpContext context, string path)
    {
        if (BatonCaller.From(context.User) is not { LinkPath: not null }
            || !long.TryParse(context.Request.Query[LinkSigner.ExpiresParameter], out var exp))
        {
            return path;
        }
        var signer = context.RequestServices.GetRequiredService<LinkSigner>();
        return path + "?" + signer.Sign(LinkSigner.UploadResourceMethod, path, DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    /// <summary>413 past the caller's max upload size; 507 when the upload would not fit the caller's quota.</summary>
    public ProtocolError? CheckCreation(HttpContext context, long? length)
    {
        if (BatonCaller.From(context.User) is not { } caller)
        {
            return null;
        }
        if (ReferenceEquals(caller.Confinement, Baton.Protocol.Paths.CallerScope.Nowhere))
        {
            // A scope that does not name a folder confines to nowhere; nothing it sends may be stored.
            return ProtocolErrors.Forbidden.WithDetail("This token's scope is not a valid folder.");
        }
        if (length is not long bytes)
        {
            // A capped caller (a signed upload link, a token with MaxUploadSize) must say how much it will send.
            return caller.MaxUploadSize > 0 || caller.QuotaBytes > 0
                ? ProtocolErrors.UploadTooLarge.WithDetail("This caller's uploads are capped: declare Upload-Length at creation.")
                : null;
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
            owners.Record(root.RelativeName(path), owner);
        }
    }
}
