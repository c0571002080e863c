using Baton.Protocol.Downloads;
using Baton.Protocol.Paths;

namespace Baton.Storage.Files;

/// <summary>
/// A source that can open a file and start reading it in one round trip (S3: one ranged <c>GetObject</c> whose answer carries the
/// version, instead of <c>HeadObject</c> and then <c>GetObject</c>). The reader it returns behaves as any other: the version is
/// the one whose bytes it reads, and reads elsewhere than <see cref="ReadAhead"/> are served as usual.
/// </summary>
public interface IFileReadAhead
{
    /// <summary>Opens the regular file at <paramref name="name"/>, already reading <paramref name="ahead"/>; null when none.</summary>
    ValueTask<IFileReader?> OpenAsync(RelativePath name, ReadAhead ahead, CancellationToken cancellation);
}
