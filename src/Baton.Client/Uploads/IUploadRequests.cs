using Baton.Protocol.Tus;

namespace Baton.Client.Uploads;

/// <summary>
/// The three requests an upload is made of — create, ask for the offset, append — in one protocol's vocabulary
/// (<see cref="TusRequests"/>, <see cref="IetfRequests"/>). <see cref="UploadSession"/> drives them the same way for both.
/// </summary>
internal interface IUploadRequests
{
    /// <summary>The download URL the server gave for the finished file, if any.</summary>
    Uri? FileLocation { get; }

    /// <summary>Creates an upload, with the first <paramref name="firstChunk"/> bytes from <paramref name="fileOffset"/> when &gt; 0.
    /// Returns the upload URL and the offset the server accepted.</summary>
    Task<(Uri Url, long Offset)> CreateAsync(Uri endpoint, long? length, UploadMetadata metadata, string? concat,
        long fileOffset, long firstChunk, Action<int> sent, CancellationToken cancellationToken);

    /// <summary>
    /// A digest-first creation (issue 15): no content, the full length and <c>Repr-Digest</c> (<paramref name="reprDigest"/>,
    /// RFC 9530). A server that already has the content answers with the full offset; any other answers an ordinary creation.
    /// </summary>
    Task<DigestCreation> CreateWithDigestAsync(Uri endpoint, long length, UploadMetadata metadata, string reprDigest,
        CancellationToken cancellationToken);

    /// <summary>Answers a proof challenge (<c>POST</c> of the upload with <c>Baton-Proof</c>); returns the server's offset.</summary>
    Task<long> ProveAsync(Uri upload, string proof, CancellationToken cancellationToken);

    /// <summary>Ends an upload that will not be used (tus termination, IETF upload cancellation); failures are ignored.</summary>
    Task TerminateAsync(Uri upload, CancellationToken cancellationToken);

    /// <summary>The server's offset; null when the upload no longer exists (or is another upload).</summary>
    Task<long?> HeadOffsetAsync(Uri upload, long expectedLength, CancellationToken cancellationToken);

    /// <summary>Appends <paramref name="count"/> bytes at <paramref name="offset"/>; returns the server's new offset.</summary>
    Task<long> PatchAsync(Uri upload, long offset, long fileOffset, long count, string? checksumAlgorithm, Action<int> sent,
        CancellationToken cancellationToken);
}
