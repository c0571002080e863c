using System.Collections.Concurrent;
using Baton.Testing.Faults;

namespace Baton.Faults.Tests.Trials;

/// <summary>The plans the next accepted connections get, in accept order; once they are used up every connection passes.</summary>
public sealed class FaultSchedule
{
    private readonly ConcurrentQueue<FaultPlan> _next = new();

    public FaultPlan PlanFor(int connection) => _next.TryDequeue(out var plan) ? plan : FaultPlan.Pass;

    public void Enqueue(IEnumerable<FaultPlan> plans)
    {
        foreach (var plan in plans)
        {
            _next.Enqueue(plan);
        }
    }

    public void Clear() => _next.Clear();

    /// <summary>1–3 random faults (<see cref="FaultPlan.Random"/>) for the next connections.</summary>
    public IReadOnlyList<FaultPlan> EnqueueRandom(Random random, long maxToServer, long maxToClient)
    {
        var plans = Enumerable.Range(0, random.Next(1, 4)).Select(_ => FaultPlan.Random(random, maxToServer, maxToClient)).ToList();
        Enqueue(plans);
        return plans;
    }
}
