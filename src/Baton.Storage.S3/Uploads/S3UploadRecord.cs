namespace Baton.Storage.S3.Uploads;

/// <summary>
/// The durable state of one upload, the object <c>.baton/uploads/ID.json</c>, replaced whole by each PUT (atomic in S3). It is
/// written only after S3 acknowledged the bytes it describes, so after a crash the upload resumes from exactly what it says:
/// <see cref="UploadInfo.Offset"/> = the <see cref="Parts"/> + the <see cref="TailLength"/> bytes in <see cref="TailKey"/>.
/// Parts uploaded but never recorded (a crash or a refused chunk) are left out of the completion and overwritten by the next ones.
/// </summary>
public sealed record S3UploadRecord
{
    public required UploadInfo Info { get; init; }

    /// <summary>The multipart upload holding the whole parts, once the first part was sent.</summary>
    public string? MultipartId { get; init; }

    /// <summary>The recorded parts, numbered 1…N, each exactly the part size.</summary>
    public IReadOnlyList<S3Part> Parts { get; init; } = [];

    /// <summary>The object holding the bytes past the last whole part (shorter than a part), or null when there are none.</summary>
    public string? TailKey { get; init; }

    public long TailLength { get; init; }

    /// <summary>Names the tail object (random per append), so a new tail never overwrites the one the record still names, nor
    /// another writer's.</summary>
    public long TailSequence { get; init; }

    /// <summary>The upload's bytes are one object (<c>ID.data</c>): the multipart upload was completed.</summary>
    public bool Joined { get; init; }

    /// <summary>Once placed: the object key it became.</summary>
    public string? PlacedKey { get; init; }
}

/// <summary>One uploaded part: its number, length and the ETag S3 returned (needed to complete the multipart upload).</summary>
public sealed record S3Part(int Number, long Length, string ETag);
