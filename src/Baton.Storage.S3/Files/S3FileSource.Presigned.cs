using Amazon.S3;
using Amazon.S3.Model;
using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>Presigned GETs (SigV4 query signing, computed locally: no request to the engine) for <c>Downloads:RedirectToStorage</c>.</summary>
public sealed partial class S3FileSource : IPresignedReads
{
    public Uri PresignRead(RelativePath name, TimeSpan lifetime, string contentType, string contentDisposition)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _s3.Bucket,
            Key = _s3.Keys.File(name),
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(lifetime),
            // The engine answers with the media type and disposition Baton would have sent (response-* query parameters).
            ResponseHeaderOverrides = new ResponseHeaderOverrides { ContentType = contentType, ContentDisposition = contentDisposition },
        };
        // The endpoint's scheme decides http or https (RGW on loopback in tests is plain http).
        request.Protocol = _s3.Options.ServiceUrl is { } url && url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? Amazon.S3.Protocol.HTTP : Amazon.S3.Protocol.HTTPS;
        return new Uri(_s3.Client.GetPreSignedURL(request));
    }
}
