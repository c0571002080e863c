namespace Baton.Storage;

/// <summary>tus creation-defer-length: uploads created without a length, which is declared later (once, never changed).</summary>
public interface IUploadLengthDeferral
{
    /// <summary>Sets the length of an upload created without one. Returns false when a different length is already set or the
    /// upload already holds more bytes than <paramref name="length"/>; setting the same length again is accepted.</summary>
    Task<bool> DeclareLengthAsync(string id, long length, CancellationToken cancellation);
}
