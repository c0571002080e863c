namespace Baton.Client.Downloads;

/// <summary>
/// The segment plan of one download and its work stealing: connections take unowned segments first; when none is left, a connection
/// splits the segment with the most unclaimed bytes and takes its second half (so no connection idles while another has far to go).
/// Thread-safe; every method takes one short lock.
/// </summary>
public sealed class SegmentMap
{
    private readonly object _gate = new();
    private readonly List<Segment> _segments;

    private SegmentMap(long length, long minimumSplit, List<Segment> segments)
    {
        Length = length;
        MinimumSplit = minimumSplit;
        _segments = segments;
    }

    public long Length { get; }

    /// <summary>A segment is only split when both halves would get at least this many bytes.</summary>
    public long MinimumSplit { get; }

    /// <summary>Plans <paramref name="connections"/> equal segments, fewer when the file is too small to give each <paramref name="minimumSplit"/> bytes.</summary>
    public static SegmentMap Plan(long length, int connections, long minimumSplit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumSplit, 1);
        var count = (int)Math.Clamp(length / minimumSplit, 1, connections);
        var segments = new List<Segment>(count);
        var size = length / count;
        for (var i = 0; i < count; i++)
        {
            var start = i * size;
            var end = i == count - 1 ? length : start + size;
            segments.Add(new Segment(start, end, start));
        }
        return new SegmentMap(length, minimumSplit, segments);
    }

    /// <summary>
    /// Rebuilds a map from a control file. Returns null unless the saved segments are sorted, within bounds, with
    /// <c>Start ≤ Written ≤ End</c>, and tile <c>[0, length)</c> exactly — anything else means the control file cannot be trusted.
    /// </summary>
    public static SegmentMap? Restore(long length, IReadOnlyList<SegmentState>? saved, long minimumSplit)
    {
        if (saved is null || saved.Count == 0 || length < 0)
        {
            return null;
        }
        var segments = new List<Segment>(saved.Count);
        long expectedStart = 0;
        foreach (var s in saved)
        {
            if (s.Start != expectedStart || s.End < s.Start || s.Written < s.Start || s.Written > s.End || s.End > length)
            {
                return null;
            }
            segments.Add(new Segment(s.Start, s.End, s.Written));
            expectedStart = s.End;
        }
        return expectedStart == length ? new SegmentMap(length, minimumSplit, segments) : null;
    }

    /// <summary>Bytes on disk.</summary>
    public long BytesWritten
    {
        get
        {
            lock (_gate)
            {
                return _segments.Sum(s => s.Written - s.Start);
            }
        }
    }

    public bool IsComplete
    {
        get
        {
            lock (_gate)
            {
                return _segments.TrueForAll(s => s.IsComplete);
            }
        }
    }

    /// <summary>Number of segments (for tests and the control file).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _segments.Count;
            }
        }
    }

    /// <summary>Takes an unowned unfinished segment, else steals half of the largest unclaimed remainder; null when nothing is left to do.</summary>
    public Segment? TryTake()
    {
        lock (_gate)
        {
            Segment? best = null;
            foreach (var s in _segments)
            {
                if (!s.Assigned && !s.IsComplete && (best is null || s.Unclaimed > best.Unclaimed))
                {
                    best = s;
                }
            }
            if (best is not null)
            {
                best.Assigned = true;
                return best;
            }
            return Steal();
        }
    }

    private Segment? Steal()
    {
        Segment? victim = null;
        foreach (var s in _segments)
        {
            if (s.Assigned && s.Unclaimed >= 2 * MinimumSplit && (victim is null || s.Unclaimed > victim.Unclaimed))
            {
                victim = s;
            }
        }
        if (victim is null)
        {
            return null;
        }
        var split = victim.Claimed + (victim.Unclaimed / 2);
        var stolen = new Segment(split, victim.End, split) { Assigned = true };
        victim.End = split;
        _segments.Insert(_segments.IndexOf(victim) + 1, stolen);
        return stolen;
    }

    /// <summary>Gives a segment back (its connection failed or stopped) so another connection may take it.</summary>
    public void Release(Segment segment)
    {
        lock (_gate)
        {
            segment.Assigned = false;
            // Bytes claimed but never written are unclaimed again.
            segment.Claimed = segment.Written;
        }
    }

    /// <summary>Forgets claimed-but-unwritten bytes (a failed write or read) and returns where the owner resumes.</summary>
    public long Rewind(Segment segment)
    {
        lock (_gate)
        {
            segment.Claimed = segment.Written;
            return segment.Written;
        }
    }

    /// <summary>Reserves up to <paramref name="available"/> bytes at <see cref="Segment.Claimed"/>; fewer (or 0) when the segment was shortened by stealing.</summary>
    public int Claim(Segment segment, int available)
    {
        lock (_gate)
        {
            var n = (int)Math.Min(available, segment.End - segment.Claimed);
            segment.Claimed += n;
            return n;
        }
    }

    /// <summary>Records that the bytes claimed up to <paramref name="position"/> are written.</summary>
    public void Commit(Segment segment, long position)
    {
        lock (_gate)
        {
            segment.Written = position;
        }
    }

    public IReadOnlyList<SegmentState> Snapshot()
    {
        lock (_gate)
        {
            return [.. _segments.Select(s => new SegmentState(s.Start, s.End, s.Written))];
        }
    }
}
