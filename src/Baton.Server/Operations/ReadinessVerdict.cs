namespace Baton.Server.Operations;

/// <summary>What <c>/readyz</c> decided from its probes: ready, or the names of the dependencies that did not answer.</summary>
public sealed record ReadinessVerdict(IReadOnlyList<string> Down)
{
    public bool Ready => Down.Count == 0;

    /// <summary>Pure: the names of failed probes, each once, in the probes' order.</summary>
    public static ReadinessVerdict From(IEnumerable<(string Name, bool Answered)> outcomes) =>
        new([.. outcomes.Where(o => !o.Answered).Select(o => o.Name).Distinct(StringComparer.Ordinal)]);
}
