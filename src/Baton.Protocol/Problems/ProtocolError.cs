namespace Baton.Protocol.Problems;

/// <summary>
/// A protocol rejection as a value: the HTTP status, an RFC 9457 problem type, a short title and a detail for this occurrence.
/// Every rejection Baton sends comes from <see cref="ProtocolErrors"/> and is turned into a response in one place on the server.
/// </summary>
public sealed record ProtocolError(int Status, string Type, string Title, string? Detail = null)
{
    /// <summary>RFC 9457 §3.2 extension members a problem type defines (numbers, strings or lists of them), or null.</summary>
    public IReadOnlyDictionary<string, object>? Members { get; init; }

    /// <summary>The same error with a detail for this occurrence.</summary>
    public ProtocolError WithDetail(string detail) => this with { Detail = detail };

    /// <summary>The same error with one more extension member (RFC 9457 §3.2).</summary>
    public ProtocolError WithMember(string name, object value) =>
        this with { Members = new Dictionary<string, object>(Members ?? new Dictionary<string, object>()) { [name] = value } };

    public override string ToString() => Detail is null ? $"{Status} {Title}" : $"{Status} {Title}: {Detail}";
}
