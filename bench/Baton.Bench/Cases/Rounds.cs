namespace Baton.Bench.Cases;

/// <summary>Runs contenders round-robin, rotating who goes first each round, so drift on the machine hits all of them alike.</summary>
public static class Rounds
{
    public static async Task<Dictionary<string, List<double>>> AlternateAsync(int rounds, IReadOnlyList<(string Name, Func<Task<double>> Measure)> contenders)
    {
        var samples = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < contenders.Count; i++)
            {
                var (name, measure) = contenders[(i + round) % contenders.Count];
                var value = await measure();
                samples[name].Add(value);
                Console.WriteLine($"  round {round + 1}/{rounds} {name}: {value:F1}");
            }
        }
        return samples;
    }
}
