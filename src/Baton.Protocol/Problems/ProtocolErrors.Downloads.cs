namespace Baton.Protocol.Problems;

public static partial class ProtocolErrors
{
    /// <summary>RFC 9110 §15.5.17: none of the ranges overlap the representation.</summary>
    public static readonly ProtocolError RangeNotSatisfiable =
        Make(416, "range-not-satisfiable", "None of the requested ranges overlap the representation.");

    /// <summary>RFC 9110 §15.5.17 and §14.2: a range set rejected as a potential denial of service (CVE-2011-3192 class).</summary>
    public static readonly ProtocolError RangeSetRejected =
        Make(416, "range-set-rejected", "The range set was rejected: too many ranges, or ranges that overlap to ask for more than the whole representation.");

    /// <summary>RFC 9110 §13.1.1–13.1.4, §15.5.13: a precondition evaluated to false.</summary>
    public static readonly ProtocolError PreconditionFailed =
        Make(412, "precondition-failed", "A precondition given in the request evaluated to false.");
}
