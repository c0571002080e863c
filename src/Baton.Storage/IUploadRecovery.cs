namespace Baton.Storage;

/// <summary>
/// Finds the uploads whose completion a crash or a vanished request interrupted, so that a start finishes them: an upload
/// acknowledged complete must become a file whether or not the request that completed it survived (issue 11 item 11).
/// </summary>
public interface IUploadRecovery
{
    /// <summary>Complete uploads that are not placed yet, and placed uploads still <see cref="UploadInfo.Unsettled"/>.</summary>
    IAsyncEnumerable<UploadInfo> UnfinishedAsync(CancellationToken cancellation);

    /// <summary>Records that everything after placement ran for upload <paramref name="id"/>.</summary>
    Task SettleAsync(string id, CancellationToken cancellation);
}
