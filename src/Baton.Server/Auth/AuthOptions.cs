using System.ComponentModel.DataAnnotations;

namespace Baton.Server.Auth;

/// <summary>Access control (<c>Baton:Auth:*</c>). With no tokens configured Baton is open (every caller may do everything), which
/// <c>baton serve</c> allows only on loopback unless told <c>--allow-anonymous</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>Tokens configured inline (appsettings). Merged with those in <see cref="KeysFile"/>.</summary>
    public List<TokenEntry> Tokens { get; set; } = [];

    /// <summary>A JSON file <c>{"tokens":[…]}</c> of hashed tokens (what <c>baton token create</c> writes). Relative paths are
    /// resolved against the root. Default <c>.baton/keys.json</c>; a missing file means no tokens from it.</summary>
    public string KeysFile { get; set; } = ".baton/keys.json";

    /// <summary>What a caller without credentials may do when tokens exist. Default none.</summary>
    public BatonPermissions[] AnonymousPermissions { get; set; } = [];

    /// <summary>Key for signed links, Base64 (at least 32 bytes). Empty: generated once and kept in <c>.baton/signing.key</c>.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Longest lifetime a signed link may be given. Default 7 days.</summary>
    public TimeSpan MaxLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Accept bearer tokens over plain HTTP from non-loopback clients. Default false: tokens travel only over HTTPS or loopback.</summary>
    public bool AllowTokensOverHttp { get; set; }

    /// <summary>Requests per minute per caller (token name, or client address) on the Files API and link creation. Default 600; 0 = off.</summary>
    [Range(0, int.MaxValue)]
    public int ApiRequestsPerMinute { get; set; } = 600;

    /// <summary>Uploads a caller may create per minute. Default 1200: one per file, so a dropped folder of a thousand photos goes up
    /// in one go (120 refused the 121st file of a 200-file folder, found by the page's folder test); 0 = off.</summary>
    [Range(0, int.MaxValue)]
    public int UploadCreationsPerMinute { get; set; } = 1200;

    /// <summary>Answers to proof-of-possession challenges a caller may send per minute (<c>Uploads:InstantAcrossScopes</c>). Default 60;
    /// 0 = off.</summary>
    [Range(0, int.MaxValue)]
    public int ProofAnswersPerMinute { get; set; } = 60;

    /// <summary>Optional JWT bearer validation, for Baton behind an identity provider (ASP.NET Core's JwtBearer handler).</summary>
    public JwtOptions Jwt { get; set; } = new();
}
