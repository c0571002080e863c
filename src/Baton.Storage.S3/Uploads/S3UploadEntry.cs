using System.Security.Cryptography;

namespace Baton.Storage.S3.Uploads;

/// <summary>
/// An upload as one request loaded it: its record, the record's <see cref="Version"/> (what the next save is based on) and, while
/// it lines up with the offset, the running SHA-256. Kept between requests only as a cache of that digest: a later request reuses
/// it only when the record it loads still has the version this entry saved (docs/cluster.md). Mutated under the upload's lock.
/// </summary>
internal sealed class S3UploadEntry(S3UploadRecord record, long version) : IDisposable
{
    private S3UploadRecord _record = record;
    private long _version = version;

    public long Version
    {
        get => Volatile.Read(ref _version);
        set => Volatile.Write(ref _version, value);
    }

    public S3UploadRecord Record
    {
        get => Volatile.Read(ref _record);
        set => Volatile.Write(ref _record, value);
    }

    public UploadInfo Info => Record.Info;

    /// <summary>SHA-256 of bytes 0…<see cref="DigestOffset"/>, or null after a restart or a discarded chunk.</summary>
    public IncrementalHash? Digest { get; set; }

    public long DigestOffset { get; set; }

    public byte[]? CompletedSha256 { get; set; }

    public void DropDigest()
    {
        Digest?.Dispose();
        Digest = null;
    }

    public void Dispose() => DropDigest();
}
