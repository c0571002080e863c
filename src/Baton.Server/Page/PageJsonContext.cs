using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Server.Page;

/// <summary>Source-generated JSON for the page's config (camelCase, as the page reads it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PageConfig))]
internal sealed partial class PageJsonContext : JsonSerializerContext;
