using Baton.Protocol.Validators;

namespace Baton.Storage.Files;

/// <summary>
/// One version of a stored file as validators (RFC 9110 §8.8): its length, Last-Modified and an entity tag that changes whenever
/// the bytes may have changed. Each backend derives the tag from its own strong-validator material — on disk device, inode,
/// size and nanosecond mtime; on S3 the object's ETag. A tag that may still change without its material changing (a disk
/// file rewritten inside one mtime tick) is weak, and a weak tag never satisfies If-Range (§13.1.5).
/// </summary>
public readonly record struct FileVersion(long Length, DateTimeOffset LastModified, EntityTag ETag)
{
    public bool IsStrong => !ETag.IsWeak;
}
