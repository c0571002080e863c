using System.Globalization;

namespace Baton.Faults.Tests.Trials;

/// <summary>
/// How many trials run and from which seeds: <c>BATON_FAULT_TRIALS</c> (total over all trial kinds, default 30) and
/// <c>BATON_FAULT_SEED</c> (default a fixed value, printed by every trial). Trial i of a kind uses seed <c>BASE + i</c>, so
/// <c>BATON_FAULT_SEED=S BATON_FAULT_TRIALS=1</c> re-runs exactly the trials with seed S.
/// </summary>
public static class TrialSettings
{
    public const int DefaultSeed = 20261204;
    public const int DefaultTrials = 30;

    public static int BaseSeed => Read("BATON_FAULT_SEED", DefaultSeed);

    public static int TotalTrials => Math.Max(1, Read("BATON_FAULT_TRIALS", DefaultTrials));

    /// <summary>Seeds for one kind of trial that gets <paramref name="share"/> of the total (at least one).</summary>
    public static TheoryData<int> Seeds(double share)
    {
        var data = new TheoryData<int>();
        var count = Math.Max(1, (int)Math.Round(TotalTrials * share));
        for (var i = 0; i < count; i++)
        {
            data.Add(BaseSeed + i);
        }
        return data;
    }

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
