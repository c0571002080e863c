namespace Baton.Protocol.Archives;

/// <summary>
/// A run of archive bytes inside one <see cref="ZipPart"/>: <see cref="Count"/> bytes from <see cref="Offset"/> within that part
/// (for <see cref="ZipPart.FileData"/>, within the file). <see cref="Entry"/> indexes <see cref="ZipPlan.Entries"/>; -1 for
/// <see cref="ZipPart.End"/>.
/// </summary>
public readonly record struct ZipSegment(ZipPart Part, int Entry, long Offset, long Count);
