using Baton.Storage.FileSystem.Files;
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
        Disk = new DiskRoot(options.Value.Root);
        FullPath = Disk.FullPath;
        StatePath = Disk.StatePath;
        Directory.CreateDirectory(StatePath);
    }

    /// <summary>The same root as the disk backend sees it (confinement of root-relative names).</summary>
    public DiskRoot Disk { get; }

    /// <summary>The '/'-separated root-relative name of a full path below the root.</summary>
    public string RelativeName(string fullPath) => Disk.RelativeName(fullPath);

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
    public bool Contains(string fullPath) => Disk.Contains(fullPath);
}
