namespace Baton.Storage.Files;

/// <summary>The optional abilities of a file source, discovered once (as <see cref="StoreCapabilities"/> for uploads).</summary>
/// <param name="Deletion">Files can be deleted; null when the source is read-only.</param>
/// <param name="AtomicConditionalDeletion">A delete conditioned on a version cannot race a replacement (S3 If-Match); on disk
/// the check and the unlink are two steps.</param>
public sealed record FileSourceCapabilities(IFileDeletion? Deletion, bool AtomicConditionalDeletion)
{
    /// <summary>Folders can be created, moved and deleted (<see cref="IFileTree"/>); null when the source cannot.</summary>
    public IFileTree? Tree { get; init; }

    /// <summary>Files can be handed out as short-lived signed storage URLs (<see cref="IPresignedReads"/>); null when not.</summary>
    public IPresignedReads? PresignedReads { get; init; }

    /// <summary>Opening can start the read in the same round trip (<see cref="IFileReadAhead"/>); null when it cannot.</summary>
    public IFileReadAhead? ReadAhead { get; init; }

    public static FileSourceCapabilities Discover(IFileSource source, bool atomicConditionalDeletion) =>
        new(source as IFileDeletion, atomicConditionalDeletion)
        {
            Tree = source as IFileTree, PresignedReads = source as IPresignedReads, ReadAhead = source as IFileReadAhead,
        };
}
