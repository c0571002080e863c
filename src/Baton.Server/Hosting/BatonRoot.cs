using Microsoft.Extensions.Options;

namespace Baton.Server.Hosting;

/// <summary>
/// The served root folder, resolved once to an absolute, link-free path, and the state folder Baton keeps inside it
/// (<c>.baton</c>: upload staging, digest cache). The state folder is never served or listed.
/// </summary>
public sealed class BatonRoot
{
    /// <summary>Name of Baton's own folder inside the root.</summary>
    public const string StateFolderName = ".baton";

    public BatonRoot(IOptions<BatonOptions> options)
    {
        var configured = Path.GetFullPath(options.Value.Root);
        Directory.CreateDirectory(configured);
        // Compare against the real location so a root reached through a symlink still contains its own files.
        var info = new DirectoryInfo(configured);
        FullPath = Path.TrimEndingDirectorySeparator(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName);
        StatePath = Path.Combine(FullPath, StateFolderName);
        Directory.CreateDirectory(StatePath);
    }

    /// <summary>Absolute path of the root, without a trailing separator.</summary>
    public string FullPath { get; }

    /// <summary>Absolute path of Baton's state folder inside the root.</summary>
    public string StatePath { get; }

    /// <summary>A folder for one kind of state (e.g. <c>uploads</c>, <c>digests</c>), created on first use.</summary>
    public string StateFolder(string name)
    {
        var path = Path.Combine(StatePath, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Whether <paramref name="fullPath"/> is the root or lies below it (lexically; links are checked by the resolver).</summary>
    public bool Contains(string fullPath) =>
        fullPath.Equals(FullPath, StringComparison.Ordinal)
        || (fullPath.StartsWith(FullPath, StringComparison.Ordinal) && fullPath.Length > FullPath.Length && fullPath[FullPath.Length] == '/');
}
