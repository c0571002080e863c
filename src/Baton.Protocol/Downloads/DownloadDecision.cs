using Baton.Protocol.Ranges;

namespace Baton.Protocol.Downloads;

/// <summary>
/// What to send for a download request, decided before any byte is read: the outcome, and the ranges to send
/// (<see cref="Range"/> for a single part, <see cref="Ranges"/> in the client's order for multipart).
/// </summary>
public readonly struct DownloadDecision
{
    private DownloadDecision(DownloadOutcome outcome, ByteRange range, ByteRange[]? ranges)
    {
        Outcome = outcome;
        Range = range;
        Ranges = ranges;
    }

    public DownloadOutcome Outcome { get; }

    /// <summary>The range of a <see cref="DownloadOutcome.SinglePart"/> response.</summary>
    public ByteRange Range { get; }

    /// <summary>The parts of a <see cref="DownloadOutcome.MultiPart"/> response, coalesced, in request order.</summary>
    public ByteRange[]? Ranges { get; }

    public int StatusCode => Outcome switch
    {
        DownloadOutcome.Full => 200,
        DownloadOutcome.SinglePart or DownloadOutcome.MultiPart => 206,
        DownloadOutcome.NotModified => 304,
        DownloadOutcome.PreconditionFailed => 412,
        _ => 416,
    };

    internal static DownloadDecision Of(DownloadOutcome outcome) => new(outcome, default, null);

    internal static DownloadDecision Single(ByteRange range) => new(DownloadOutcome.SinglePart, range, null);

    internal static DownloadDecision Multi(ByteRange[] ranges) => new(DownloadOutcome.MultiPart, default, ranges);
}
