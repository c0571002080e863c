namespace Baton.Server.Auth;

/// <summary>
/// JWT bearer settings (<c>Baton:Auth:Jwt:*</c>), validated by ASP.NET Core's JwtBearer handler. Enabled when <see cref="Authority"/>
/// (an OpenID Connect issuer whose keys are discovered) or <see cref="SigningKey"/> (a shared HS256 key) is set. Permissions come
/// from the token's <c>baton</c> claim or <c>scope</c> (space-separated: <c>download list upload delete admin</c>); its name from
/// the name or <c>sub</c> claim.
/// </summary>
public sealed class JwtOptions
{
    public string Authority { get; set; } = "";

    /// <summary>Expected <c>aud</c>; empty skips the audience check.</summary>
    public string Audience { get; set; } = "";

    /// <summary>Expected <c>iss</c> when <see cref="SigningKey"/> is used; empty skips the issuer check.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>Base64 symmetric key (HS256) for deployments without a discovery endpoint.</summary>
    public string SigningKey { get; set; } = "";

    public bool Enabled => Authority.Length > 0 || SigningKey.Length > 0;
}
