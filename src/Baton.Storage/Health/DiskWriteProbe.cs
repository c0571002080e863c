using Baton.Storage.FileSystem.Files;

namespace Baton.Storage.Health;

/// <summary>Readiness of the disk backend: a file can be created (and is removed) in the root's state folder — a root remounted
/// read-only, removed or without permission fails this.</summary>
public sealed class DiskWriteProbe(DiskRoot root) : IDependencyProbe
{
    public string Name => "storage";

    public async Task ProbeAsync(CancellationToken cancellation)
    {
        Directory.CreateDirectory(root.StatePath);
        var path = Path.Combine(root.StatePath, "ready-" + Guid.NewGuid().ToString("N") + ".probe");
        await using var probe = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        await probe.WriteAsync(new byte[1], cancellation).ConfigureAwait(false);
    }
}
