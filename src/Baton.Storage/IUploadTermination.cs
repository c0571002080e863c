namespace Baton.Storage;

/// <summary>tus termination extension / IETF upload cancellation: remove an upload and its data.</summary>
public interface IUploadTermination
{
    /// <summary>Removes the upload (stopping a running append); later lookups say <see cref="UploadPresence.Gone"/>.</summary>
    Task<TerminationOutcome> TerminateAsync(string id, CancellationToken cancellation);
}
