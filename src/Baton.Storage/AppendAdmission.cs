namespace Baton.Storage;

/// <summary>
/// Whether an append may write, decided the same way by every store once it holds the upload's lock and has looked the upload
/// up: a missing or gone upload, a final upload (tus §Concatenation: never patched) and a stale offset are refused before a byte
/// is read. tus §PATCH / draft §5.3: the offset is compared under the lock, so of concurrent appends at one offset exactly one
/// wins.
/// </summary>
public static class AppendAdmission
{
    /// <summary>The refusal, or null when the append may go ahead on <paramref name="lookup"/>'s upload.</summary>
    public static AppendResult? Refusal(UploadLookup lookup, long offset) => lookup switch
    {
        { Presence: UploadPresence.Gone } => new AppendResult(AppendOutcome.Gone, null),
        { Presence: not UploadPresence.Found } or { Info: null } => new AppendResult(AppendOutcome.NotFound, null),
        { Info.Kind: UploadKind.Final } => new AppendResult(AppendOutcome.FinalUpload, lookup.Info),
        _ when offset != lookup.Info!.Offset => new AppendResult(AppendOutcome.OffsetMismatch, lookup.Info),
        _ => null,
    };
}
