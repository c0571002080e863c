namespace Baton.Server.Uploads.Events;

/// <summary>
/// Hooks for applications that embed Baton: register any number of implementations
/// (<c>services.AddSingleton&lt;IUploadEvents, MyHandler&gt;()</c>). A handler that throws is logged and does not fail the upload.
/// </summary>
public interface IUploadEvents
{
    /// <summary>An upload was created (tus POST, IETF creation).</summary>
    Task OnCreatedAsync(UploadEvent upload, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>An upload completed and its file is in ROOT (<see cref="UploadEvent.FilePath"/>).</summary>
    Task OnCompletedAsync(UploadEvent upload, CancellationToken cancellation) => Task.CompletedTask;

    /// <summary>An upload was terminated by its client (tus DELETE, IETF cancellation).</summary>
    Task OnTerminatedAsync(UploadEvent upload, CancellationToken cancellation) => Task.CompletedTask;
}
