using Baton.Protocol.Paths;

namespace Baton.Storage.Files;

/// <summary>
/// The stored files a server serves, found by root-relative name (already checked lexically by <see cref="RelativePath"/>).
/// A backend never lets a name reach anything outside its root or Baton's own state: such a name is simply not there.
/// </summary>
public interface IFileSource
{
    /// <summary>What this source can do, discovered once.</summary>
    FileSourceCapabilities Capabilities { get; }

    /// <summary>The entry at <paramref name="name"/>, or null when nothing servable is there.</summary>
    ValueTask<FileStat?> StatAsync(RelativePath name, CancellationToken cancellation);

    /// <summary>Opens the regular file at <paramref name="name"/>; null for anything else (missing, folder, device, outside).</summary>
    ValueTask<IFileReader?> OpenAsync(RelativePath name, CancellationToken cancellation);

    /// <summary>The entries of the folder <paramref name="folder"/>, unordered; null when it is not a folder.</summary>
    ValueTask<IReadOnlyList<FileStat>?> ListAsync(RelativePath folder, CancellationToken cancellation);
}
