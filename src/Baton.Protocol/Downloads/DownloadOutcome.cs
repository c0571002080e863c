namespace Baton.Protocol.Downloads;

/// <summary>How a GET or HEAD of a stored file is answered.</summary>
public enum DownloadOutcome
{
    /// <summary>200 with the whole representation.</summary>
    Full,

    /// <summary>206 with one range and a Content-Range header (RFC 9110 §15.3.7.1).</summary>
    SinglePart,

    /// <summary>206 with <c>multipart/byteranges</c> (§14.6, §15.3.7.2).</summary>
    MultiPart,

    /// <summary>304 (§15.4.5).</summary>
    NotModified,

    /// <summary>412 (§15.5.13).</summary>
    PreconditionFailed,

    /// <summary>416 because no range overlaps the representation (§15.5.17).</summary>
    RangeNotSatisfiable,

    /// <summary>416 because the range set was refused as abusive: too many ranges, or overlapping ranges asking for more than the whole.</summary>
    RangeRejected,
}
