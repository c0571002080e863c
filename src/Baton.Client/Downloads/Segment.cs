namespace Baton.Client.Downloads;

/// <summary>
/// A byte range <c>[Start, End)</c> of the file owned by at most one connection. <see cref="Claimed"/> is how far its connection has
/// reserved bytes to write, <see cref="Written"/> how far they are on disk; both only grow, and only <see cref="SegmentMap"/> moves them.
/// Stealing may lower <see cref="End"/>, never below <see cref="Claimed"/>.
/// </summary>
public sealed class Segment
{
    internal Segment(long start, long end, long written)
    {
        Start = start;
        End = end;
        Written = written;
        Claimed = written;
    }

    public long Start { get; }
    public long End { get; internal set; }
    public long Claimed { get; internal set; }
    public long Written { get; internal set; }
    internal bool Assigned { get; set; }

    public bool IsComplete => Written >= End;

    /// <summary>Bytes nobody has claimed yet.</summary>
    public long Unclaimed => End - Claimed;

    public override string ToString() => $"[{Start}, {End}) written to {Written}";
}
