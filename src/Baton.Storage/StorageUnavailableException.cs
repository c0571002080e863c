namespace Baton.Storage;

/// <summary>
/// The storage backend cannot be reached or did not answer in time. Nothing was acknowledged that the backend does not hold;
/// the server answers 503 with <c>Retry-After</c> (RFC 9110 §15.6.4, §10.2.3). The message must never carry credentials.
/// </summary>
public sealed class StorageUnavailableException : IOException
{
    public StorageUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null)
        : base(message, inner) => RetryAfter = retryAfter;

    /// <summary>How long a client should wait before trying again.</summary>
    public TimeSpan RetryAfter { get; }
}
