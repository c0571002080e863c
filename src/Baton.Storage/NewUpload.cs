namespace Baton.Storage;

/// <summary>What a creation request asks the store for. <paramref name="Length"/> null defers the length;
/// <paramref name="Owner"/> names who created it (null: nobody in particular).</summary>
public sealed record NewUpload(long? Length, string Metadata = "", UploadKind Kind = UploadKind.Regular, string? Concat = null,
    byte[]? ExpectedSha256 = null, string? Owner = null);
