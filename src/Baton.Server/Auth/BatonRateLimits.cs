using Baton.Cluster.RateLimits;
using Baton.Server.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Server.Auth;

/// <summary>The limits Baton applies: API calls (Files API, links), upload creation and proof-of-possession answers, each per caller
/// per minute — in this process, or in cluster mode for all instances together.</summary>
public sealed class BatonRateLimits : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public BatonRateLimits(IOptions<BatonOptions> options, IServiceProvider services)
    {
        var auth = options.Value.Auth;
        Api = new CallerRateLimit("api", auth.ApiRequestsPerMinute, Counter(services, auth.ApiRequestsPerMinute));
        UploadCreation = new CallerRateLimit("upload-creation", auth.UploadCreationsPerMinute, Counter(services, auth.UploadCreationsPerMinute));
        ProofAnswers = new CallerRateLimit("proof-answers", auth.ProofAnswersPerMinute, Counter(services, auth.ProofAnswersPerMinute));
    }

    public CallerRateLimit Api { get; }

    public CallerRateLimit UploadCreation { get; }

    public CallerRateLimit ProofAnswers { get; }

    private IRateCounter Counter(IServiceProvider services, int permitsPerMinute)
    {
        if (services.IsCluster())
        {
            return new ClusterRateCounter(services.GetRequiredService<ClusterRateWindows>(), services.GetRequiredService<TimeProvider>());
        }
        var local = new InProcessRateCounter(permitsPerMinute);
        _owned.Add(local);
        return local;
    }

    public void Dispose() => _owned.ForEach(o => o.Dispose());
}
