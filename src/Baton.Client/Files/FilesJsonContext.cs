using System.Text.Json.Serialization;

namespace Baton.Client.Files;

[JsonSerializable(typeof(FolderListing))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
internal sealed partial class FilesJsonContext : JsonSerializerContext;
