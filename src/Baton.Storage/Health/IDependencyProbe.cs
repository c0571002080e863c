namespace Baton.Storage.Health;

/// <summary>
/// Something a server needs to answer requests (its storage, the cluster database), checked by <c>/readyz</c>. A probe returns when
/// the dependency answers and throws (any exception) when it does not; the caller bounds the wait.
/// </summary>
public interface IDependencyProbe
{
    /// <summary>What the readiness report names when this one is down (<c>storage</c>, <c>postgres</c>).</summary>
    string Name { get; }

    Task ProbeAsync(CancellationToken cancellation);
}
