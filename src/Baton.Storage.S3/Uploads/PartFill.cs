namespace Baton.Storage.S3.Uploads;

/// <summary>
/// One append's part buffer: the upload's tail (read back in front), then the request's bytes, cut into whole parts as it fills.
/// Tracks which parts were sent but not yet recorded, so a commit records exactly what S3 acknowledged.
/// </summary>
internal sealed class PartFill
{
    private readonly int _partSize;
    private readonly List<S3Part> _unrecorded = [];
    private int _recordedParts;

    public PartFill(S3UploadRecord start, byte[] buffer, int partSize)
    {
        _partSize = partSize;
        Buffer = buffer;
        StartOffset = start.Info.Offset;
        Filled = (int)start.TailLength;
        // Random rather than the next number: two writers of one upload (one that lost its lock and does not know it yet, and its
        // successor) never share a tail key, so the one whose record save is refused cannot have overwritten the other's tail.
        TailSequence = NewTailSequence(start.TailSequence);
        _recordedParts = start.Parts.Count;
    }

    public byte[] Buffer { get; }

    /// <summary>The upload's offset when the request began.</summary>
    public long StartOffset { get; }

    /// <summary>Bytes in the buffer (the tail, then new bytes).</summary>
    public int Filled { get; private set; }

    /// <summary>New bytes taken from the request so far.</summary>
    public long Taken { get; private set; }

    /// <summary>The number a new tail object gets (never the one the record names).</summary>
    public long TailSequence { get; }

    public bool IsFull => Filled == _partSize;

    public int NextPartNumber => _recordedParts + _unrecorded.Count + 1;

    public bool HasUnrecordedParts => _unrecorded.Count > 0;

    private static long NewTailSequence(long current)
    {
        long next;
        do
        {
            next = System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue) * (long)int.MaxValue
                   + System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);
        }
        while (next == current);
        return next;
    }

    /// <summary>Copies as much of <paramref name="bytes"/> as fits; returns how many.</summary>
    public int Take(ReadOnlySpan<byte> bytes)
    {
        var count = Math.Min(bytes.Length, _partSize - Filled);
        bytes[..count].CopyTo(Buffer.AsSpan(Filled));
        Filled += count;
        Taken += count;
        return count;
    }

    /// <summary><paramref name="count"/> bytes were read into the buffer directly (at <see cref="Filled"/>).</summary>
    public void Added(int count)
    {
        Filled += count;
        Taken += count;
    }

    /// <summary><paramref name="count"/> bytes went to S3 without the buffer (a server-side part copy).</summary>
    public void Advance(long count) => Taken += count;

    /// <summary>The buffer went out as <paramref name="part"/> (not yet recorded).</summary>
    public void Sent(S3Part part)
    {
        _unrecorded.Add(part);
        Filled = 0;
    }

    /// <summary><paramref name="before"/> with the sent parts added and the given tail.</summary>
    public S3UploadRecord Record(S3UploadRecord before, string? tailKey, int tailLength) => before with
    {
        Parts = [.. before.Parts, .. _unrecorded],
        TailKey = tailKey,
        TailLength = tailLength,
        TailSequence = tailKey is null ? before.TailSequence : TailSequence,
    };

    public void Committed()
    {
        _recordedParts += _unrecorded.Count;
        _unrecorded.Clear();
    }
}
