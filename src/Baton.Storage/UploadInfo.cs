namespace Baton.Storage;

/// <summary>
/// The recorded state of one upload. <see cref="Offset"/> is the committed offset: every byte below it is durably stored
/// (unless the store runs with <see cref="Durability.None"/>), and it never goes backwards.
/// </summary>
public sealed record UploadInfo
{
    public required string Id { get; init; }

    /// <summary>Total length in bytes; null while deferred (tus creation-defer-length, IETF without Upload-Length).</summary>
    public long? Length { get; init; }

    public long Offset { get; init; }

    /// <summary>The metadata as a tus <c>Upload-Metadata</c> value (keys with Base64 values), or empty.</summary>
    public string Metadata { get; init; } = "";

    public UploadKind Kind { get; init; }

    /// <summary>Final uploads: the ids of the partial uploads joined, in order.</summary>
    public IReadOnlyList<string> PartialIds { get; init; } = [];

    /// <summary>Partial uploads: final uploads waiting for this one to finish (concatenation-unfinished).</summary>
    public IReadOnlyList<string> FinalIds { get; init; } = [];

    /// <summary>The <c>Upload-Concat</c> value received at creation, echoed on HEAD (tus §Concatenation).</summary>
    public string? Concat { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the store may remove the upload; null when it never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Once placed: the full path of the file the upload became.</summary>
    public string? PlacedPath { get; init; }

    /// <summary>
    /// While placing: the path the data is being moved to, written durably before the move, so that a crash between the move
    /// and the next record is finished on the next load instead of leaving a file the upload does not know (issue 11 item 7).
    /// </summary>
    public string? PlacingPath { get; init; }

    /// <summary>
    /// Placed, but what follows placement (owner, digest record, completion event) may not have run yet; a start finishes it.
    /// </summary>
    public bool Unsettled { get; init; }

    /// <summary>Once placed: the SHA-256 of the whole upload.</summary>
    public byte[]? Sha256 { get; init; }

    /// <summary>IETF: the SHA-256 the client declared for the whole representation (Repr-Digest), verified at completion.</summary>
    public byte[]? ExpectedSha256 { get; init; }

    /// <summary>Who created the upload (a token's name), or null. Only the owner may see, append to or end it.</summary>
    public string? Owner { get; init; }

    /// <summary>The folder the creator was confined to (root-relative), or null: the upload's target folder is below it.</summary>
    public string? Scope { get; init; }

    public bool IsComplete => Length is long length && Offset == length;
}
