using Baton.Protocol.Paths;

namespace Baton.Storage.FileSystem.Files;

/// <summary>
/// The served root folder, resolved once to an absolute, link-free path, and Baton's state folder inside it (<c>.baton</c>).
/// Confinement: a name is checked lexically first (<see cref="RelativePath"/>: no <c>..</c>, no absolute paths), then its real
/// location — every symbolic link in every component resolved — must still be inside the root and outside the state folder.
/// </summary>
public sealed class DiskRoot
{
    public DiskRoot(string root)
    {
        var configured = Path.GetFullPath(root);
        Directory.CreateDirectory(configured);
        // Compare against the real location so a root reached through a symlink still contains its own files.
        FullPath = Path.TrimEndingDirectorySeparator(RealPath.Resolve(configured) ?? configured);
        StatePath = Path.Combine(FullPath, RelativePath.StateFolderName);
    }

    /// <summary>Absolute path of the root, without a trailing separator.</summary>
    public string FullPath { get; }

    /// <summary>Absolute path of Baton's state folder inside the root.</summary>
    public string StatePath { get; }

    /// <summary>The lexical full path of a root-relative name (no check that it exists or stays inside).</summary>
    public string Lexical(RelativePath name) =>
        name.IsRoot ? FullPath : Path.Combine(FullPath, Path.Combine([.. name.Segments]));

    /// <summary>The lexical full path of a '/'-separated root-relative name.</summary>
    public string Lexical(string name) =>
        name.Length == 0 ? FullPath : Path.Combine(FullPath, name.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The real full path of <paramref name="name"/> when it exists inside the root and not in the state folder; otherwise null.</summary>
    public string? Resolve(RelativePath name)
    {
        var real = RealPath.Resolve(Lexical(name));
        return real is null || !Contains(real) || IsInStateFolder(real) ? null : real;
    }

    /// <summary>Whether <paramref name="fullPath"/> is the root or lies below it (lexically).</summary>
    public bool Contains(string fullPath) =>
        fullPath.Equals(FullPath, StringComparison.Ordinal)
        || (fullPath.Length > FullPath.Length && fullPath.StartsWith(FullPath, StringComparison.Ordinal) && fullPath[FullPath.Length] == '/');

    /// <summary>The '/'-separated name of <paramref name="fullPath"/> relative to the root ("" for the root itself).</summary>
    public string RelativeName(string fullPath) =>
        fullPath.Length <= FullPath.Length ? "" : fullPath[(FullPath.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/');

    private bool IsInStateFolder(string real) =>
        real.Equals(StatePath, StringComparison.Ordinal) || real.StartsWith(StatePath + "/", StringComparison.Ordinal);
}
