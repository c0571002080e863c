namespace Baton.Storage;

/// <summary>How an append ended. Only <see cref="Appended"/>, <see cref="Interrupted"/> and <see cref="StorageFull"/> changed the
/// upload.</summary>
public enum AppendOutcome
{
    /// <summary>The whole body was stored and its new offset recorded.</summary>
    Appended,

    /// <summary>The body ended early (client gone, too slow, or stopped by a newer request); what arrived was kept.</summary>
    Interrupted,

    NotFound,
    Gone,

    /// <summary>The request's offset is not the upload's offset; nothing was written.</summary>
    OffsetMismatch,

    /// <summary>Final uploads cannot be appended to.</summary>
    FinalUpload,

    /// <summary>The body would run past the upload's length (or the size cap); the chunk was discarded.</summary>
    LengthExceeded,

    /// <summary>The verifier refused the chunk (see <see cref="AppendResult.Rejection"/>); it was discarded.</summary>
    Rejected,

    /// <summary>Another request held the upload and did not let go.</summary>
    Locked,

    /// <summary>The storage ran out of space: what it durably took was kept (the offset says how much), the rest refused.</summary>
    StorageFull,
}
