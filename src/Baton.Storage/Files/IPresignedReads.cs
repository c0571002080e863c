using Baton.Protocol.Paths;

namespace Baton.Storage.Files;

/// <summary>
/// A source whose files a client can fetch straight from the storage with a short-lived signed URL (S3 presigned GET), so the
/// bytes bypass the server. The URL fixes the response's media type and disposition, as the server would have sent them.
/// </summary>
public interface IPresignedReads
{
    /// <summary>A URL valid for <paramref name="lifetime"/> that answers GET (with Range and conditionals) for <paramref name="name"/>.</summary>
    Uri PresignRead(RelativePath name, TimeSpan lifetime, string contentType, string contentDisposition);
}
