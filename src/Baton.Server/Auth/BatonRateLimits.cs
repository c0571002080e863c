using Microsoft.Extensions.Options;

namespace Baton.Server.Auth;

/// <summary>The limits Baton applies: API calls (Files API, links), upload creation and proof-of-possession answers, each per caller
/// per minute.</summary>
public sealed class BatonRateLimits(IOptions<BatonOptions> options) : IDisposable
{
    public CallerRateLimit Api { get; } = new(options.Value.Auth.ApiRequestsPerMinute);

    public CallerRateLimit UploadCreation { get; } = new(options.Value.Auth.UploadCreationsPerMinute);

    public CallerRateLimit ProofAnswers { get; } = new(options.Value.Auth.ProofAnswersPerMinute);

    public void Dispose()
    {
        Api.Dispose();
        UploadCreation.Dispose();
        ProofAnswers.Dispose();
    }
}
