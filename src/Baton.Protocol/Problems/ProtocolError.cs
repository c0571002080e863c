namespace Baton.Protocol.Problems;

/// <summary>
/// A protocol rejection as a value: the HTTP status, an RFC 9457 problem type, a short title and a detail for this occurrence.
/// Every rejection Baton sends comes from <see cref="ProtocolErrors"/> and is turned into a response in one place on the server.
/// </summary>
public sealed record ProtocolError(int Status, string Type, string Title, string? Detail = null)
{
    /// <summary>The same error with a detail for this occurrence.</summary>
    public ProtocolError WithDetail(string detail) => this with { Detail = detail };

    public override string ToString() => Detail is null ? $"{Status} {Title}" : $"{Status} {Title}: {Detail}";
}
