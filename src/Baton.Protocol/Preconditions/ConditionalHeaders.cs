namespace Baton.Protocol.Preconditions;

/// <summary>The raw values of the conditional request header fields (RFC 9110 §13.1); null when absent.</summary>
public readonly record struct ConditionalHeaders(
    string? IfMatch = null,
    string? IfNoneMatch = null,
    string? IfModifiedSince = null,
    string? IfUnmodifiedSince = null,
    string? IfRange = null)
{
    public bool IsEmpty => IfMatch is null && IfNoneMatch is null && IfModifiedSince is null && IfUnmodifiedSince is null && IfRange is null;
}
