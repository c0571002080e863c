using System.Text.Json.Serialization;

namespace Baton.Server.Problems;

/// <summary>The RFC 9457 members Baton sends, and the extension members (§3.2) a problem type defines.</summary>
public sealed record ProblemBody(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail,
    [property: JsonPropertyName("instance"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Instance)
{
    [JsonExtensionData]
    public IDictionary<string, object>? Members { get; set; }
}

// Extension member values are numbers, strings or arrays of them (ProtocolError.Members).
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class ProblemJsonContext : JsonSerializerContext;
