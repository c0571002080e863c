namespace Baton.Protocol.Paths;

/// <summary>
/// A caller confined to a folder (a scoped token or JWT, issue 14 item 5): the folder is its root. Every path it sends is taken
/// below the folder (<see cref="ToRoot"/>) and every path it is shown is taken back out (<see cref="FromRoot"/>), so it can name
/// nothing outside — ".." never parses as a <see cref="RelativePath"/> — and is shown nothing outside. Pure: the one mapping every
/// endpoint goes through.
/// </summary>
public sealed class CallerScope
{
    private CallerScope(RelativePath folder) => Folder = folder;

    /// <summary>
    /// Where a caller whose scope does not parse is confined (fail closed, never the whole root): inside Baton's state folder,
    /// which no file source serves, lists or writes through, so every path it names is not found.
    /// </summary>
    public static CallerScope Nowhere { get; } = new(RelativePath.Root.Append(RelativePath.StateFolderName).Append("no-scope"));

    /// <summary>The caller's root, relative to the server's.</summary>
    public RelativePath Folder { get; }

    /// <summary>The scope a configured value names: null for none (empty or "/"), false when it is not a valid folder name.</summary>
    public static bool TryParse(string? value, out CallerScope? scope)
    {
        scope = null;
        var trimmed = value?.Trim('/') ?? "";
        if (trimmed.Length == 0)
        {
            return true;
        }
        if (RelativePath.TryParse(trimmed, allowHidden: false, out var folder) != PathCheck.Valid)
        {
            return false;
        }
        scope = new CallerScope(folder);
        return true;
    }

    /// <summary>The server's name for what the caller calls <paramref name="callerPath"/>.</summary>
    public RelativePath ToRoot(RelativePath callerPath)
    {
        var path = Folder;
        foreach (var segment in callerPath.Segments)
        {
            path = path.Append(segment);
        }
        return path;
    }

    /// <summary>What the caller calls the server's <paramref name="rootPath"/>, or null when it lies outside the scope.</summary>
    public RelativePath? FromRoot(RelativePath rootPath)
    {
        if (rootPath.Segments.Count < Folder.Segments.Count)
        {
            return null;
        }
        for (var i = 0; i < Folder.Segments.Count; i++)
        {
            if (!string.Equals(rootPath.Segments[i], Folder.Segments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }
        var path = RelativePath.Root;
        foreach (var segment in rootPath.Segments.Skip(Folder.Segments.Count))
        {
            path = path.Append(segment);
        }
        return path;
    }

    public override string ToString() => Folder.ToString();
}
