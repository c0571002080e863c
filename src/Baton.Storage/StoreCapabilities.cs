namespace Baton.Storage;

/// <summary>The optional abilities of a store, discovered once (like tusd's StoreComposer); null means not supported.</summary>
public sealed record StoreCapabilities(
    IUploadStore Core,
    IUploadTermination? Termination,
    IUploadConcatenation? Concatenation,
    IUploadLengthDeferral? LengthDeferral,
    IUploadPlacement? Placement,
    IUploadExpiry? Expiry,
    IUploadRecovery? Recovery)
{
    /// <summary>Uploads can take a stored file's bytes (instant completion, dedupe); null when not.</summary>
    public IUploadAdoption? Adoption { get; init; }

    public static StoreCapabilities Discover(IUploadStore store) => new(
        store,
        store as IUploadTermination,
        store as IUploadConcatenation,
        store as IUploadLengthDeferral,
        store as IUploadPlacement,
        store as IUploadExpiry,
        store as IUploadRecovery)
    {
        Adoption = store as IUploadAdoption,
    };
}
