namespace Baton.Storage;

/// <summary>tus concatenation (+ concatenation-unfinished): final uploads joining partial uploads.</summary>
public interface IUploadConcatenation
{
    /// <summary>
    /// Creates a final upload from <paramref name="partialIds"/> (in order). Returns null when any id is not a partial upload
    /// of this store. When every partial is complete, the final is complete on return; otherwise it completes when the last
    /// partial does (<see cref="TryFinishAsync"/>).
    /// </summary>
    Task<UploadInfo?> CreateFinalAsync(NewUpload upload, IReadOnlyList<string> partialIds, CancellationToken cancellation);

    /// <summary>Joins the partials of final upload <paramref name="finalId"/> if all are complete now; returns its state.</summary>
    Task<UploadInfo?> TryFinishAsync(string finalId, CancellationToken cancellation);
}
