namespace Baton.Storage.Hosting;

/// <summary>How long an unfinished upload lives after its last change (null: forever). This is upload-protocol policy — it is
/// what tus <c>Upload-Expires</c> advertises — so the host states it and every backend applies it.</summary>
public sealed record UploadRetention(TimeSpan? Expiration)
{
    /// <summary>24 hours, when the host states nothing.</summary>
    public static UploadRetention Default { get; } = new(TimeSpan.FromHours(24));
}
