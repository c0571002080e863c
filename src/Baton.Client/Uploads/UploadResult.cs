namespace Baton.Client.Uploads;

/// <summary>The outcome of a finished upload.</summary>
/// <param name="UploadUrl">The tus upload resource (the final one for a concatenation).</param>
/// <param name="FileUrl">Where the file can be downloaded, when the server said so (Baton-File-Url or Content-Location); else the upload URL.</param>
/// <param name="Resumed">Bytes acknowledged in an earlier run were kept.</param>
/// <param name="Parts">Partial uploads used (1 without concatenation).</param>
public sealed record UploadResult(Uri UploadUrl, Uri FileUrl, long Length, bool Resumed, int Parts);
