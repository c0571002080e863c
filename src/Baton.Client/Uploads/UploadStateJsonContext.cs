using System.Text.Json.Serialization;

namespace Baton.Client.Uploads;

[JsonSerializable(typeof(UploadState))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class UploadStateJsonContext : JsonSerializerContext;
