using Baton.Protocol.Paths;

namespace Baton.Storage.Files;

/// <summary>What a file source says about one name: its kind, when it last changed and, for a regular file, its version.</summary>
public sealed record FileStat(RelativePath Path, FileKind Kind, DateTimeOffset LastModified, FileVersion? Version)
{
    /// <summary>The entry's own name (last path segment).</summary>
    public string Name => Path.Name;
}
