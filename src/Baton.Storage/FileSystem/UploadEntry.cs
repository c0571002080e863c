namespace Baton.Storage.FileSystem;

/// <summary>An upload loaded in memory: its committed state and, while it lines up, the running SHA-256. Mutated under the upload's lock.</summary>
internal sealed class UploadEntry(UploadInfo info)
{
    private UploadInfo _info = info;

    public UploadInfo Info
    {
        get => Volatile.Read(ref _info);
        set => Volatile.Write(ref _info, value);
    }

    public RunningDigest? Digest { get; set; }

    /// <summary>The finished SHA-256 of a complete upload, once computed.</summary>
    public byte[]? CompletedSha256 { get; set; }

    public void DropDigest()
    {
        Digest?.Dispose();
        Digest = null;
    }
}
