using System.Text.Json.Serialization;

namespace Baton.Storage.S3.Uploads;

/// <summary>Source-generated JSON for <see cref="S3UploadRecord"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(S3UploadRecord))]
internal sealed partial class S3RecordJson : JsonSerializerContext;
