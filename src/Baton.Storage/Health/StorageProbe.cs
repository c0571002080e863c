using Baton.Storage.Hosting;

namespace Baton.Storage.Health;

/// <summary>The selected backend's own probe (<see cref="StorageServices.Probe"/>), registered once as a readiness probe; a
/// backend without one counts as answering.</summary>
public sealed class StorageProbe(StorageServices storage) : IDependencyProbe
{
    public string Name => storage.Probe?.Name ?? "storage";

    public Task ProbeAsync(CancellationToken cancellation) => storage.Probe?.ProbeAsync(cancellation) ?? Task.CompletedTask;
}
