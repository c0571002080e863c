using Baton.Protocol.Paths;
using Baton.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Baton.Server.Files;

/// <summary>
/// Maps request paths to entries below the root, safely: the path is checked lexically (<see cref="RelativePath"/>), then its
/// real location — with every symbolic link resolved — must still be inside the root and outside Baton's state folder.
/// </summary>
public sealed class StoredFiles(BatonRoot root, IOptions<BatonOptions> options)
{
    public BatonRoot Root => root;

    /// <summary>Checks a decoded request path under this server's hidden-file policy.</summary>
    public PathCheck Check(string? requestPath, out RelativePath path) =>
        RelativePath.TryParse(requestPath, options.Value.Downloads.ServeHiddenFiles, out path);

    /// <summary>The real full path of <paramref name="path"/> when it exists inside the root (and not in the state folder); otherwise null.</summary>
    public string? Resolve(RelativePath path)
    {
        var lexical = path.IsRoot ? root.FullPath : Path.Combine(root.FullPath, Path.Combine([.. path.Segments]));
        var real = RealPath.Resolve(lexical);
        if (real is null || !root.Contains(real))
        {
            return null;
        }
        return IsInStateFolder(real) ? null : real;
    }

    /// <summary>The path of <paramref name="fullPath"/> relative to the root, '/'-separated.</summary>
    public string RelativeTo(string fullPath) =>
        fullPath.Length <= root.FullPath.Length ? "" : fullPath[(root.FullPath.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/');

    private bool IsInStateFolder(string real) =>
        real.Equals(root.StatePath, StringComparison.Ordinal) || real.StartsWith(root.StatePath + "/", StringComparison.Ordinal);
}
