using Microsoft.Extensions.Options;

namespace Baton.Server.Auth;

/// <summary>The two limits Baton applies: API calls (Files API, links) and upload creation, each per caller per minute.</summary>
public sealed class BatonRateLimits(IOptions<BatonOptions> options) : IDisposable
{
    public CallerRateLimit Api { get; } = new(options.Value.Auth.ApiRequestsPerMinute);

    public CallerRateLimit UploadCreation { get; } = new(options.Value.Auth.UploadCreationsPerMinute);

    public void Dispose()
    {
        Api.Dispose();
        UploadCreation.Dispose();
    }
}
