using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Server.Auth;

/// <summary>Registers Baton's authentication scheme, policies, link signing and rate limits. Baton sets no default scheme, so a
/// host's own authentication is untouched; Baton's policies name Baton's scheme.</summary>
public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddBatonAuth(this IServiceCollection services)
    {
        services.TryAddSingleton<TokenStore>();
        services.TryAddSingleton<LinkSigner>();
        services.TryAddSingleton<BatonRateLimits>();
        services.TryAddSingleton<FileOwners>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, BatonAuthenticationHandler>(BatonAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(options => BatonPolicies.Add(options, [BatonAuthenticationHandler.SchemeName]));
        return services;
    }
}
