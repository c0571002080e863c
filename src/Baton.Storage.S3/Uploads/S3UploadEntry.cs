using System.Security.Cryptography;

namespace Baton.Storage.S3.Uploads;

/// <summary>An upload loaded in memory: its record and, while it lines up with the offset, the running SHA-256. Mutated under the upload's lock.</summary>
internal sealed class S3UploadEntry(S3UploadRecord record) : IDisposable
{
    private S3UploadRecord _record = record;

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
