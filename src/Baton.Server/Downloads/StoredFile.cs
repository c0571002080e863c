using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Server.Downloads;

/// <summary>An opened stored file: its root-relative name, media type and version.</summary>
public sealed record StoredFile(RelativePath Path, string MediaType, FileVersion Version)
{
    /// <summary>The file's own name (last path segment).</summary>
    public string Name => Path.Name;

    /// <summary>The '/'-separated root-relative name, the key of digests and owners.</summary>
    public string RelativeName => Path.ToString();
}
