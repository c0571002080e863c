using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Baton.Storage.Telemetry;

/// <summary>
/// Every instrument of the meter <c>Baton</c> (docs/operations.md lists them with a sample scrape). One instance per server, made
/// from the host's <see cref="IMeterFactory"/> so two servers in one process keep their measurements apart; code that runs
/// without a container records into <see cref="Unobserved"/>, a meter nothing listens to. The factory owns (and disposes) the meter.
/// </summary>
public sealed class BatonMetrics
{
    public const string MeterName = "Baton";

    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly UpDownCounter<long> _transfers;
    private readonly Counter<long> _created;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _problems;
    private readonly Histogram<double> _lockWait;
    private readonly Counter<long> _releaseRequests;
    private readonly Histogram<double> _storage;

    /// <summary>
    /// Bucket bounds for durations in seconds. Without advice OpenTelemetry uses its default bounds (0, 5, 10, 25 … 10000), made
    /// for milliseconds: every lock wait and storage call (a commit takes ~1 ms) fell into the first bucket, "≤ 5 s". These
    /// extend the semantic conventions' HTTP duration bounds down to 100 µs, where local-disk calls live.
    /// </summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };

    public BatonMetrics(IMeterFactory factory) : this(factory.Create(MeterName)) { }

    private BatonMetrics(Meter meter)
    {
        _received = meter.CreateCounter<long>("baton.received", "By", "Upload bytes received and stored.");
        _sent = meter.CreateCounter<long>("baton.sent", "By", "File bytes sent in download responses.");
        _transfers = meter.CreateUpDownCounter<long>("baton.transfers.active", "{transfer}",
            "Uploads (PATCH/POST bodies being stored) and downloads (bodies being sent) in flight.");
        _created = meter.CreateCounter<long>("baton.uploads.created", "{upload}", "Uploads created.");
        _completed = meter.CreateCounter<long>("baton.uploads.completed", "{upload}", "Uploads completed and placed as files.");
        _expired = meter.CreateCounter<long>("baton.uploads.expired", "{upload}", "Abandoned uploads removed by the expiry sweep.");
        _problems = meter.CreateCounter<long>("baton.problems", "{response}", "Problem responses (RFC 9457), by type and status.");
        _lockWait = meter.CreateHistogram<double>("baton.lock.wait", "s", "Time to acquire an upload lock, by outcome.",
            tags: null, advice: Seconds);
        _releaseRequests = meter.CreateCounter<long>("baton.lock.release_requests", "{request}",
            "Release requests sent to an upload lock's holder by a waiter.");
        _storage = meter.CreateHistogram<double>("baton.storage.duration", "s", "Storage operations, by backend and operation.",
            tags: null, advice: Seconds);
    }

    /// <summary>Measurements nobody collects: for stores and lockers built without a container (tests, tools).</summary>
    public static BatonMetrics Unobserved { get; } = new(new Meter(MeterName + ".Unobserved"));

    public void Received(long bytes)
    {
        if (bytes > 0)
        {
            _received.Add(bytes);
        }
    }

    public void Sent(long bytes)
    {
        if (bytes > 0)
        {
            _sent.Add(bytes);
        }
    }

    /// <summary>Counts a transfer in flight until the returned scope is disposed.</summary>
    public TransferScope Transfer(TransferDirection direction) => new(_transfers, direction);

    public void UploadCreated() => _created.Add(1);

    public void UploadCompleted() => _completed.Add(1);

    public void UploadsExpired(int count)
    {
        if (count > 0)
        {
            _expired.Add(count);
        }
    }

    public void Problem(string type, int status) =>
        _problems.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("status", status));

    /// <summary>How long a request waited for an upload lock (from <see cref="Stopwatch.GetTimestamp"/>), and whether it got it.</summary>
    public void LockWaited(long startTimestamp, bool acquired) =>
        _lockWait.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("outcome", acquired ? "acquired" : "refused"));

    public void ReleaseRequested() => _releaseRequests.Add(1);

    /// <summary>One storage operation (from <see cref="Stopwatch.GetTimestamp"/>), e.g. backend <c>s3</c>, operation <c>put part</c>.</summary>
    public void StorageCall(string backend, string operation, long startTimestamp, bool failed = false) =>
        _storage.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("backend", backend), new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", failed ? "failed" : "ok"));

}
