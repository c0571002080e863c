namespace Baton.Protocol.Ranges;

/// <summary>The outcome of resolving a valid range-set against a representation's length.</summary>
public enum RangeResolution
{
    /// <summary>At least one range is satisfiable: 206.</summary>
    Satisfiable,

    /// <summary>No range overlaps the representation: 416 (RFC 9110 §15.5.17).</summary>
    NotSatisfiable,

    /// <summary>Several ranges that together ask for more bytes than the representation has: refused with 416 as a potential DoS (§15.5.17).</summary>
    Rejected,
}
