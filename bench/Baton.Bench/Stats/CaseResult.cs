namespace Baton.Bench.Stats;

/// <summary>What one case measured: per-contender summaries, the unit, the goals checked and the exact commands used.</summary>
public sealed class CaseResult(string id, string title, string unit, bool higherIsBetter = true)
{
    public string Id { get; } = id;
    public string Title { get; } = title;
    public string Unit { get; } = unit;
    public bool HigherIsBetter { get; } = higherIsBetter;
    public List<Summary> Summaries { get; } = [];
    public List<Goal> Goals { get; } = [];
    public List<string> Commands { get; } = [];
    public List<string> Notes { get; } = [];

    public Summary Of(string contender) => Summaries.Single(s => s.Contender == contender);

    /// <summary>Median of <paramref name="contender"/> relative to <paramref name="reference"/>, oriented so that > 1 means Baton is better.</summary>
    public double Ratio(string contender, string reference) => HigherIsBetter
        ? Of(contender).Median / Of(reference).Median
        : Of(reference).Median / Of(contender).Median;

    public void AddGoal(string description, string contender, string reference, double target) =>
        Goals.Add(new Goal(description, Ratio(contender, reference), target));

    /// <summary>An absolute goal "value ≤ limit" (or ≥ when higher is better), expressed as the ratio limit/value (≥ 1 when met).</summary>
    public void AddLimitGoal(string description, double value, double limit) =>
        Goals.Add(new Goal(description, HigherIsBetter ? value / limit : limit / value, 1.0));
}

/// <summary>A goal "contender ≥ target × reference".</summary>
public sealed record Goal(string Description, double Ratio, double Target)
{
    public bool Met => Ratio >= Target;
}
