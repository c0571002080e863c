namespace Baton.Bench.Stats;

/// <summary>Median and range of one contender's samples in one case (higher is better unless the case says otherwise).</summary>
public sealed record Summary(string Contender, IReadOnlyList<double> Samples)
{
    public double Median
    {
        get
        {
            var sorted = Samples.Order().ToArray();
            return sorted.Length == 0 ? double.NaN
                : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
                : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public double Min => Samples.Count == 0 ? double.NaN : Samples.Min();

    public double Max => Samples.Count == 0 ? double.NaN : Samples.Max();
}
