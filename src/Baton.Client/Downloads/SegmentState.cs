namespace Baton.Client.Downloads;

/// <summary>One segment as saved in the control file: <c>[Start, End)</c>, with the bytes <c>[Start, Written)</c> known on disk.</summary>
public readonly record struct SegmentState(long Start, long End, long Written);
