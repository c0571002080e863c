using Baton.Protocol.Downloads;
using Baton.Protocol.Preconditions;
using Baton.Protocol.Ranges;
using Baton.Protocol.Validators;
using BenchmarkDotNet.Attributes;

namespace Baton.Bench.Micro;

/// <summary>The per-request decision of a download: Range parsing, preconditions, the combined planner.</summary>
[MemoryDiagnoser]
public class RangeBenchmarks
{
    private static readonly RepresentationValidators Validators =
        new(EntityTag.Strong("0123456789abcdef0123456789abcdef"), new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    private readonly RangeSpec[] _specs = new RangeSpec[64];

    [Benchmark]
    public int ParseSingleRange() => RangeHeader.Parse("bytes=1048576-2097151", _specs, out var count) == RangeHeaderStatus.Valid ? count : -1;

    [Benchmark]
    public int ParseThreeRanges() => RangeHeader.Parse("bytes=0-499, 1000-1999,-500", _specs, out var count) == RangeHeaderStatus.Valid ? count : -1;

    [Benchmark]
    public DownloadOutcome PlanResumeWithIfRangeETag() => DownloadPlanner.Decide("GET", "bytes=1048576-",
        new ConditionalHeaders(IfRange: "\"0123456789abcdef0123456789abcdef\""), Validators, 1L << 30, 64).Outcome;

    [Benchmark]
    public DownloadOutcome PlanResumeWithIfRangeDate() => DownloadPlanner.Decide("GET", "bytes=1048576-",
        new ConditionalHeaders(IfRange: "Tue, 24 Nov 2026 10:00:00 GMT"), Validators, 1L << 30, 64).Outcome;

    [Benchmark]
    public DownloadOutcome PlanRevalidation() => DownloadPlanner.Decide("GET", null,
        new ConditionalHeaders(IfNoneMatch: "\"0123456789abcdef0123456789abcdef\""), Validators, 1L << 30, 64).Outcome;

    [Benchmark]
    public DownloadOutcome PlanPlainGet() => DownloadPlanner.Decide("GET", null, default, Validators, 1L << 30, 64).Outcome;

    [Benchmark]
    public int PlanMultipart() => DownloadPlanner.Decide("GET", "bytes=0-99,1000-1099", default, Validators, 1L << 30, 64).Ranges!.Length;

    [Benchmark]
    public bool ParseContentRange() => ContentRange.TryParse("bytes 1048576-2097151/1073741824", out _);

    [Benchmark]
    public bool ParseHttpDate() => HttpDate.TryParse("Tue, 24 Nov 2026 10:00:00 GMT", out _);
}
