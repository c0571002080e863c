namespace Baton.Storage.S3.Uploads;

/// <summary>How the S3 upload store is run.</summary>
/// <param name="Expiration">How long an untouched upload lives (tus expiration), or null for ever.</param>
/// <param name="PlacementBase">The local root folder the server names placement targets in (full paths below it are turned into
/// relative names); null when targets are relative names already.</param>
public sealed record S3UploadSettings(TimeSpan? Expiration, string? PlacementBase);
