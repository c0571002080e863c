using Amazon.S3.Model;
using Baton.Protocol.Validators;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>File versions from S3 object attributes: the object's ETag is a strong validator (it changes with every write, even
/// one with the same bytes and length on engines that hash parts), Last-Modified is the object's.</summary>
internal static class S3Versions
{
    /// <summary>Object metadata key of the SHA-256 (lowercase hex) Baton records when it places a file.</summary>
    public const string Sha256Metadata = "baton-sha256";

    /// <summary>Object metadata key of the upload a placed file came from: how a restart recognises a copy it made itself.</summary>
    public const string UploadMetadata = "baton-upload";

    /// <summary>Object metadata key of the owner (a token's name) Baton records when it places a file.</summary>
    public const string OwnerMetadata = "baton-owner";

    public static FileVersion Of(GetObjectMetadataResponse head) =>
        new(head.ContentLength, Time(head.LastModified), Tag(head.ETag));

    public static FileVersion Of(S3Object entry) => new(entry.Size ?? 0, Time(entry.LastModified), Tag(entry.ETag));

    /// <summary>The S3 ETag as an entity tag: S3 sends it quoted already (RFC 9110 §8.8.3 syntax).</summary>
    public static EntityTag Tag(string? etag) =>
        EntityTag.Strong((etag ?? "").Trim('"'));

    /// <summary>The S3 ETag (quoted) a version came from, for If-Match.</summary>
    public static string S3ETag(FileVersion version) => version.ETag.Opaque;

    public static DateTimeOffset Time(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;

    public static byte[]? Sha256(MetadataCollection metadata)
    {
        var hex = metadata[Sha256Metadata];
        if (hex is not { Length: 64 })
        {
            return null;
        }
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
