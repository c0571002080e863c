namespace Baton.Protocol.Paths;

/// <summary>
/// Limits on a path Baton creates (an upload's target, a new folder, a move's destination). Defaults: 255 UTF-8 bytes a name
/// (Linux NAME_MAX), 1024 bytes a path (S3's object-key limit, so the same tree fits disk and object storage; a backend with a
/// key prefix must leave room for it), 32 levels (bounds the folders one upload may create).
/// </summary>
public sealed record PathLimits
{
    public static PathLimits Default { get; } = new();

    /// <summary>Most UTF-8 bytes in one name (after NFC normalisation).</summary>
    public int MaxNameBytes { get; init; } = 255;

    /// <summary>Most UTF-8 bytes in the whole relative path, '/' separators included.</summary>
    public int MaxPathBytes { get; init; } = 1024;

    /// <summary>Most names in the path (a file at the root has depth 1).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Throws unless the limits are usable: names 1–255 bytes, paths at least one name and at most 4096 bytes (PATH_MAX).</summary>
    public PathLimits Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNameBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxNameBytes, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPathBytes, MaxNameBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPathBytes, 4096);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 1);
        return this;
    }
}
