namespace Baton.Client.Files;

/// <summary>
/// Whether a name a server lists can become one local file or folder name below the output folder: a hostile or broken server
/// must not make <c>baton get -r</c> write anywhere else (no separators, no "." or "..", no drive or device syntax, no control
/// characters, no empty name). Checked before any path is built; the full path is checked to lie below the output folder too.
/// </summary>
public static class LocalName
{
    public static bool IsSafe(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 255
        && name is not ("." or "..")
        && name.IndexOfAny(['/', '\\', ':', '\0']) < 0
        && !name.Any(char.IsControl)
        && name.Trim().Length > 0;

    /// <summary>Whether <paramref name="path"/> (made absolute) lies strictly below <paramref name="root"/>.</summary>
    public static bool IsBelow(string root, string path)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(fullRoot, StringComparison.Ordinal);
    }
}
