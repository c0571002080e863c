using Microsoft.Extensions.Options;

namespace Baton.Server.Auth;

/// <summary>The limits Baton applies: API calls (Files API, links), upload creation and proof-of-possession answers, each per caller
/// per minute — counted by the registered <see cref="IRateCounter"/>: in this process, or in cluster mode for all instances together.</summary>
public sealed class BatonRateLimits(IOptions<BatonOptions> options, IRateCounter counter)
{
    public CallerRateLimit Api { get; } = new("api", options.Value.Auth.ApiRequestsPerMinute, counter);

    public CallerRateLimit UploadCreation { get; } = new("upload-creation", options.Value.Auth.UploadCreationsPerMinute, counter);

    public CallerRateLimit ProofAnswers { get; } = new("proof-answers", options.Value.Auth.ProofAnswersPerMinute, counter);
}
