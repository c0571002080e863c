using Baton.Protocol.Paths;

namespace Baton.Storage.Files;

/// <summary>Deletes stored files.</summary>
public interface IFileDeletion
{
    /// <summary>Deletes the regular file at <paramref name="name"/> if it still is at <paramref name="expected"/> (the version the
    /// caller's preconditions were evaluated against, RFC 9110 §13.1.1).</summary>
    ValueTask<DeletionOutcome> DeleteAsync(RelativePath name, FileVersion expected, CancellationToken cancellation);
}
