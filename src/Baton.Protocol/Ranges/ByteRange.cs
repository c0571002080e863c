namespace Baton.Protocol.Ranges;

/// <summary>A satisfiable byte range resolved against a representation: <see cref="First"/> to <see cref="Last"/>, both inclusive.</summary>
public readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    public ContentRange ToContentRange(long completeLength) => ContentRange.Satisfied(First, Last, completeLength);

    public override string ToString() => $"{First}-{Last}";
}
