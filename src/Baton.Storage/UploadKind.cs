namespace Baton.Storage;

/// <summary>tus concatenation extension: a plain upload, a partial upload (a piece), or a final upload (the pieces joined).</summary>
public enum UploadKind
{
    Regular,
    Partial,
    Final,
}
