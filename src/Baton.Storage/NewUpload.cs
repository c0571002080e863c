namespace Baton.Storage;

/// <summary>What a creation request asks the store for. <paramref name="Length"/> null defers the length;
/// <paramref name="Owner"/> names who created it (null: nobody in particular); <paramref name="Scope"/> the folder its creator is
/// confined to (root-relative; null: the whole root), below which it is placed.</summary>
public sealed record NewUpload(long? Length, string Metadata = "", UploadKind Kind = UploadKind.Regular, string? Concat = null,
    byte[]? ExpectedSha256 = null, string? Owner = null, string? Scope = null);
