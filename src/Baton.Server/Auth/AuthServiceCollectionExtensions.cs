using Baton.Cluster.Auth;
using Baton.Server.Cluster;
using Baton.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Baton.Server.Auth;

/// <summary>Registers Baton's authentication schemes, policies, link signing and rate limits. Baton sets no default scheme, so a
/// host's own authentication is untouched; Baton's policies name Baton's schemes.</summary>
public static class AuthServiceCollectionExtensions
{
    public const string JwtScheme = "BatonJwt";

    public static IServiceCollection AddBatonAuth(this IServiceCollection services)
    {
        services.TryAddSingleton<TokenStore>();
        // In cluster mode tokens and the signing key are the cluster's (PostgreSQL), so every instance accepts what any signed.
        services.TryAddSingleton<ITokenSource>(sp => sp.IsCluster()
            ? ActivatorUtilities.CreateInstance<ClusterTokenSource>(sp)
            : sp.GetRequiredService<TokenStore>());
        services.TryAddSingleton(sp => new LinkSigner(sp.GetRequiredService<IOptions<BatonOptions>>(), sp.GetRequiredService<BatonRoot>(),
            sp.GetRequiredService<TimeProvider>(), sp.IsCluster() ? sp.GetRequiredService<SharedSigningKey>() : null));
        services.TryAddSingleton<IRateCounter>(sp => sp.IsCluster()
            ? ActivatorUtilities.CreateInstance<ClusterRateCounter>(sp)
            : new InProcessRateCounter());
        services.TryAddSingleton<BatonRateLimits>();
        // AddAuthenticationCore, not AddAuthentication: the latter also adds Data Protection, whose hosted service loads (and on
        // first run creates) an XML key ring at start-up — ~5 MiB of resident memory and a keys folder in the user's home, for
        // cookie schemes Baton does not have. A host that calls AddAuthentication itself still gets it.
        services.AddAuthenticationCore();
        services.AddWebEncoders();
        services.TryAddSingleton<IAuthenticationConfigurationProvider, AuthenticationSection>();
        new AuthenticationBuilder(services)
            .AddScheme<AuthenticationSchemeOptions, BatonAuthenticationHandler>(BatonAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(JwtScheme);
        services.AddOptions<JwtBearerOptions>(JwtScheme).Configure<IOptions<BatonOptions>>((jwt, baton) =>
        {
            var settings = baton.Value.Auth.Jwt;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.NameClaimType = "name";
            if (settings.Authority.Length > 0)
            {
                jwt.Authority = settings.Authority;
            }
            if (settings.SigningKey.Length > 0)
            {
                jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(settings.SigningKey));
                jwt.TokenValidationParameters.ValidIssuer = settings.Issuer;
                jwt.TokenValidationParameters.ValidateIssuer = settings.Issuer.Length > 0;
            }
            jwt.TokenValidationParameters.ValidAudience = settings.Audience;
            jwt.TokenValidationParameters.ValidateAudience = settings.Audience.Length > 0;
        });
        services.AddAuthorization();
        // The JWT scheme joins the policies only when configured; it challenges first so Baton's problem body is written last.
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<BatonOptions>>((authorization, baton) =>
            BatonPolicies.Add(authorization, baton.Value.Auth.Jwt.Enabled
                ? [JwtScheme, BatonAuthenticationHandler.SchemeName]
                : [BatonAuthenticationHandler.SchemeName]));
        return services;
    }
}
