using Baton.Bench.Stats;

namespace Baton.Bench.Cases;

/// <summary>One comparison: starts its contenders, measures them alternately, returns the summaries and the goals it checked.</summary>
public interface IBenchCase
{
    string Id { get; }

    Task<CaseResult> RunAsync(BenchContext context);
}
