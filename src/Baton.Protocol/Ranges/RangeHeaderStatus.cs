namespace Baton.Protocol.Ranges;

/// <summary>What parsing a Range header found.</summary>
public enum RangeHeaderStatus
{
    /// <summary>A valid <c>bytes=</c> range-set.</summary>
    Valid,

    /// <summary>No Range header, or a unit other than bytes: §14.2 says a server MUST ignore a unit it does not understand.</summary>
    Ignored,

    /// <summary>Not valid range syntax; §14.2 lets a server ignore the field, which Baton does (full 200).</summary>
    Invalid,

    /// <summary>More range-specs than the configured limit: rejected with 416 (§15.5.17 names this case).</summary>
    TooManyRanges,
}
