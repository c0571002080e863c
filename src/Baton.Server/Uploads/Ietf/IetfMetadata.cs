using System.Net.Http.Headers;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Ietf;

/// <summary>
/// The metadata of an IETF upload, kept in tus form like every upload's (so restrictions, naming and a tus HEAD treat it alike).
/// The drafts name the representation with its own fields ("Upload Creation": <c>Content-Disposition</c>'s filename and
/// <c>Content-Type</c>); tus-js-client in its IETF modes sends the name only in tus <c>Upload-Metadata</c>, so those pairs are
/// kept too and the representation's fields win where both are given.
/// </summary>
public static class IetfMetadata
{
    /// <summary>The upload's metadata, or null with the rejection when <c>Upload-Metadata</c> is malformed.</summary>
    public static ProtocolError? Read(HttpRequest request, out UploadMetadata metadata)
    {
        if (!UploadMetadata.TryParse(request.Headers[TusHeaders.UploadMetadata].ToString(), out var sent, out var error))
        {
            metadata = UploadMetadata.Empty;
            return ProtocolErrors.InvalidUploadMetadata.WithDetail(error!);
        }
        var own = new Dictionary<string, string>();
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            && (disposition.FileNameStar ?? disposition.FileName?.Trim('"')) is { Length: > 0 } name)
        {
            own["filename"] = name;
        }
        if (request.ContentType is { Length: > 0 } type)
        {
            own["filetype"] = type;
        }
        var pairs = sent.Pairs.Where(p => !own.ContainsKey(p.Key))
            .Concat(UploadMetadata.FromStrings(own).Pairs);
        metadata = new UploadMetadata(pairs);
        return null;
    }
}
