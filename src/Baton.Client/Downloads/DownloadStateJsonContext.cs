using System.Text.Json.Serialization;

namespace Baton.Client.Downloads;

[JsonSerializable(typeof(DownloadState))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
internal sealed partial class DownloadStateJsonContext : JsonSerializerContext;
