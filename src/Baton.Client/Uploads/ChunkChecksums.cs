namespace Baton.Client.Uploads;

/// <summary>When <see cref="TusUploader"/> sends a tus <c>Upload-Checksum</c> with every chunk (tus 1.0 §Checksum).</summary>
public enum ChunkChecksums
{
    /// <summary>
    /// Only when the server offers the checksum extension and no end-to-end check (<c>Baton-File-Digest</c>): a server that
    /// answers the whole file's digest makes per-chunk hashes a second SHA-256 pass on each side for no extra safety.
    /// </summary>
    Auto,

    /// <summary>Whenever the server offers the checksum extension, even alongside end-to-end verification.</summary>
    Always,

    /// <summary>Never.</summary>
    Never,
}
