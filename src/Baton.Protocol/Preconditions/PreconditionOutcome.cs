namespace Baton.Protocol.Preconditions;

/// <summary>What the preconditions of a request decide (RFC 9110 §13.2.2).</summary>
public enum PreconditionOutcome
{
    /// <summary>Perform the method. Whether a Range may apply is in <see cref="PreconditionResult.RangeApplies"/>.</summary>
    Proceed,

    /// <summary>304 Not Modified (GET/HEAD whose If-None-Match or If-Modified-Since evaluated false).</summary>
    NotModified,

    /// <summary>412 Precondition Failed.</summary>
    PreconditionFailed,
}

/// <summary>The decision, and whether a Range header may be honoured (false when If-Range evaluated false).</summary>
public readonly record struct PreconditionResult(PreconditionOutcome Outcome, bool RangeApplies);
