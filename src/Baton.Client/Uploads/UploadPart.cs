namespace Baton.Client.Uploads;

/// <summary>One upload resource covering <c>[Offset, Offset + Length)</c> of the file.</summary>
public sealed record UploadPart(string Url, long Offset, long Length);
