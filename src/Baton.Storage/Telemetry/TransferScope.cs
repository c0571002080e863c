using System.Diagnostics.Metrics;

namespace Baton.Storage.Telemetry;

/// <summary>One transfer counted in flight; disposing ends it.</summary>
public readonly struct TransferScope : IDisposable
{
    private readonly UpDownCounter<long>? _counter;
    private readonly KeyValuePair<string, object?> _direction;

    internal TransferScope(UpDownCounter<long> counter, TransferDirection direction)
    {
        _counter = counter;
        _direction = new("direction", direction == TransferDirection.Upload ? "upload" : "download");
        counter.Add(1, _direction);
    }

    public void Dispose() => _counter?.Add(-1, _direction);
}
