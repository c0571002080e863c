namespace Baton.Server.Auth;

/// <summary>
/// One API token as configured: a name, the SHA-256 of the secret (hex; the secret itself is never stored), permissions and limits.
/// Created by <c>baton token create</c>.
/// </summary>
public sealed class TokenEntry
{
    /// <summary>Who this token is (recorded as the owner of what it uploads).</summary>
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the token's secret.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Permissions, e.g. <c>["download", "list"]</c>.</summary>
    public BatonPermissions[] Permissions { get; set; } = [];

    /// <summary>Most bytes this token's uploads may occupy in the root; 0 = no quota.</summary>
    public long QuotaBytes { get; set; }

    /// <summary>Largest single upload this token may make; 0 = the server's limit only.</summary>
    public long MaxUploadSize { get; set; }

    /// <summary>The folder (root-relative) this token is confined to: its root, everything it names and sees is below it; null or
    /// empty for the whole root (docs/security.md §Scopes).</summary>
    public string? Scope { get; set; }

    public BatonPermissions Combined => Permissions.Aggregate(BatonPermissions.None, (a, p) => a | p);
}
