using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;

namespace Baton.Server.Auth;

/// <summary>The host's <c>Authentication</c> configuration section, as AddAuthentication would provide it (JwtBearer reads its
/// defaults from there).</summary>
internal sealed class AuthenticationSection(IConfiguration configuration) : IAuthenticationConfigurationProvider
{
    public IConfiguration AuthenticationConfiguration { get; } = configuration.GetSection("Authentication");
}
