using System.Globalization;
using System.Security.Claims;

namespace Baton.Server.Auth;

/// <summary>Who is calling, as Baton sees it: a name (the owner recorded on uploads), permissions, limits, for a signed link the one
/// path it is good for, and for a caller confined to a folder its <see cref="Scope"/> (root-relative; null: the whole root).</summary>
public sealed record BatonCaller(string Name, BatonPermissions Permissions, long QuotaBytes = 0, long MaxUploadSize = 0, string? LinkPath = null,
    string? Scope = null)
{
    /// <summary>The JWT claim that confines a token to a folder (docs/security.md).</summary>
    public const string JwtScopeClaim = "baton_scope";
    public const string AnonymousName = "anonymous";
    private const string PermissionsClaim = "baton:permissions";
    private const string QuotaClaim = "baton:quota";
    private const string MaxUploadClaim = "baton:max-upload";
    private const string LinkPathClaim = "baton:link-path";
    private const string ScopeClaim = "baton:scope";

    public bool Can(BatonPermissions permission) => (Permissions & (permission | BatonPermissions.Admin)) != 0;

    /// <summary>The folder this caller is confined to, or null for the whole root. A scope that does not parse confines the
    /// caller to a folder nobody can name, never to the root (fail closed).</summary>
    public Baton.Protocol.Paths.CallerScope? Confinement =>
        Scope is null ? null
        : Baton.Protocol.Paths.CallerScope.TryParse(Scope, out var scope) ? scope
        : Baton.Protocol.Paths.CallerScope.Nowhere;

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, Name),
            new(PermissionsClaim, ((int)Permissions).ToString(CultureInfo.InvariantCulture)),
            new(QuotaClaim, QuotaBytes.ToString(CultureInfo.InvariantCulture)),
            new(MaxUploadClaim, MaxUploadSize.ToString(CultureInfo.InvariantCulture)),
        };
        if (LinkPath is not null)
        {
            claims.Add(new Claim(LinkPathClaim, LinkPath));
        }
        if (Scope is not null)
        {
            claims.Add(new Claim(ScopeClaim, Scope));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller behind a principal made by <see cref="ToPrincipal"/>, or by another scheme (JWT: the <c>baton</c>
    /// claim or <c>scope</c> lists permission names).</summary>
    public static BatonCaller? From(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true } identity)
        {
            return null;
        }
        if (principal.FindFirst(PermissionsClaim) is { } permissions)
        {
            return new BatonCaller(identity.Name ?? AnonymousName,
                (BatonPermissions)int.Parse(permissions.Value, CultureInfo.InvariantCulture),
                long.Parse(principal.FindFirst(QuotaClaim)?.Value ?? "0", CultureInfo.InvariantCulture),
                long.Parse(principal.FindFirst(MaxUploadClaim)?.Value ?? "0", CultureInfo.InvariantCulture),
                principal.FindFirst(LinkPathClaim)?.Value,
                principal.FindFirst(ScopeClaim)?.Value);
        }
        var granted = BatonPermissions.None;
        foreach (var claim in principal.FindAll("baton").Concat(principal.FindAll("scope")))
        {
            foreach (var word in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Enum.TryParse<BatonPermissions>(word, ignoreCase: true, out var p))
                {
                    granted |= p;
                }
            }
        }
        return new BatonCaller(identity.Name ?? principal.FindFirst("sub")?.Value ?? "jwt", granted,
            Scope: principal.FindFirst(JwtScopeClaim)?.Value);
    }
}
