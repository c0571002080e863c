namespace Baton.Client.Uploads;

/// <summary>Which resumable upload protocol <see cref="TusUploader"/> speaks.</summary>
public enum UploadProtocol
{
    /// <summary>What the server's OPTIONS advertises: tus 1.0 when it offers it, else the IETF protocol when it lists interop versions.</summary>
    Auto,

    /// <summary>tus 1.0 (creation, checksums, concatenation for parallel parts).</summary>
    Tus,

    /// <summary>IETF Resumable Uploads for HTTP (RUFH), in the newest interop version both sides speak (6–9).</summary>
    Ietf,
}
