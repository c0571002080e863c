namespace Baton.Protocol.Possession;

/// <summary>An inclusive byte range <c>First-Last</c> of the declared content, as in RFC 9110 §14.1.2.</summary>
public readonly record struct ProofRange(long First, long Last)
{
    public long Length => Last - First + 1;

    public override string ToString() => $"{First}-{Last}";
}
