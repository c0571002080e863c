using System.Text.Json.Serialization;

namespace Baton.Storage.FileSystem;

/// <summary>Source-generated JSON for the per-upload record file.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UploadInfo))]
internal sealed partial class UploadRecordJson : JsonSerializerContext;
