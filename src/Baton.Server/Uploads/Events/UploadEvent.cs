using Baton.Protocol.Tus;
using Baton.Storage;

namespace Baton.Server.Uploads.Events;

/// <summary>What an event handler learns: the upload's state, its decoded metadata, and once completed the file's path and URL.</summary>
public sealed record UploadEvent(string Id, UploadInfo? Upload, UploadMetadata Metadata, string? FilePath = null, string? FileUrl = null);
