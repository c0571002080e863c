using Baton.Protocol.Paths;
using Microsoft.Extensions.Options;

namespace Baton.Server.Files;

/// <summary>
/// Checks request paths under this server's hidden-file policy before any storage is asked (<see cref="RelativePath"/>); the
/// file source then confines what a checked name can reach (links out of the root, Baton's state folder).
/// </summary>
public sealed class StoredFiles(IOptions<BatonOptions> options)
{
    /// <summary>Checks a decoded request path under this server's hidden-file policy.</summary>
    public PathCheck Check(string? requestPath, out RelativePath path) =>
        RelativePath.TryParse(requestPath, options.Value.Downloads.ServeHiddenFiles, out path);
}
