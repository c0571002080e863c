namespace Baton.Storage.Locking;

/// <summary>Settings of an <see cref="IUploadLocker"/> (configuration: <c>Baton:Storage:Locks:*</c>).</summary>
public sealed record UploadLockOptions
{
    /// <summary>How long a second request waits for a busy upload before asking the holder to stop. Default 3 s.</summary>
    public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long it then waits for the holder to commit and let go. Default 10 s.</summary>
    public TimeSpan TakeoverWait { get; set; } = TimeSpan.FromSeconds(10);
}
