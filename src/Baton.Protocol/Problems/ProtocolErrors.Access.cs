namespace Baton.Protocol.Problems;

public static partial class ProtocolErrors
{
    /// <summary>RFC 9110 §15.5.2: no usable credentials (sent with <c>WWW-Authenticate: Bearer</c>).</summary>
    public static readonly ProtocolError Unauthorized =
        Make(401, "unauthorized", "A valid token is required: send Authorization: Bearer TOKEN.");

    /// <summary>RFC 9110 §15.5.4: the caller is known but may not do this.</summary>
    public static readonly ProtocolError Forbidden =
        Make(403, "forbidden", "This token is not allowed to do that.");

    /// <summary>A signed link that was tampered with, expired, or used for another path or method.</summary>
    public static readonly ProtocolError InvalidLink =
        Make(403, "invalid-link", "The signed link is not valid for this request.");

    /// <summary>RFC 6585 §4: too many requests (sent with Retry-After).</summary>
    public static readonly ProtocolError RateLimited =
        Make(429, "rate-limited", "Too many requests; retry after the time given in Retry-After.");

    /// <summary>RFC 9110 §15.6.4: the storage backend cannot be reached right now (sent with Retry-After).</summary>
    public static readonly ProtocolError StorageUnavailable =
        Make(503, "storage-unavailable", "The storage behind this server cannot be reached; retry after the time given in Retry-After.");

    /// <summary>RFC 4918 §11.5: the server's storage has no room left; an upload keeps what was stored before (see its offset).</summary>
    public static readonly ProtocolError StorageFull =
        Make(507, "storage-full", "The server's storage is full; what arrived before it filled is kept. Retry once space is freed.");

    /// <summary>RFC 4918 §11.5: the caller's storage quota would be exceeded.</summary>
    public static readonly ProtocolError QuotaExceeded =
        Make(507, "quota-exceeded", "This upload would exceed the token's storage quota.");

    /// <summary>A link request that is not well formed or asks for too long a lifetime.</summary>
    public static readonly ProtocolError InvalidLinkRequest =
        Make(400, "invalid-link-request", "The link request is not valid.");
}
