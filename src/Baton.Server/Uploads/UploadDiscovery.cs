using System.Globalization;
using Baton.Protocol.Digests;
using Baton.Protocol.Fields;
using Baton.Protocol.Tus;
using Baton.Protocol.Uploads;
using Baton.Protocol.Uploads.Dialects;
using Baton.Storage;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads;

/// <summary>
/// What the server says about its upload support: tus <c>Tus-Version</c>/<c>Tus-Extension</c>/<c>Tus-Max-Size</c>/
/// <c>Tus-Checksum-Algorithm</c> (extensions from the store's capabilities, discovered once) and the IETF drafts'
/// <c>Accept-Patch</c> and <c>Upload-Limit</c> ("Limits"), with <c>Baton-Interop-Versions</c> listing the drafts' interop
/// versions Baton speaks. Both go on every OPTIONS response. When uploads become files,
/// <c>Baton-File-Digest: sha-256</c> promises that a completed upload's file (<c>Baton-File-Url</c>) answers
/// <c>Want-Repr-Digest</c> with its <c>Repr-Digest</c> (RFC 9530; docs/uploads.md), so clients can verify end to end.
/// </summary>
public sealed class UploadDiscovery
{
    private readonly UploadOptions _options;

    /// <summary>The OPTIONS header naming the digest a completed upload's file answers with (docs/uploads.md).</summary>
    public const string FileDigestHeader = Baton.Protocol.Fields.BatonFieldNames.FileDigest;

    private readonly bool _placesFiles;

    public UploadDiscovery(StoreCapabilities capabilities, UploadOptions options)
    {
        _options = options;
        // Only a store that places uploads in ROOT produces a file whose SHA-256 (computed while receiving) is recorded.
        _placesFiles = capabilities.Placement is not null;
        ResourceMethods = capabilities.Termination is not null ? "OPTIONS, HEAD, GET, PATCH, DELETE, POST" : "OPTIONS, HEAD, GET, PATCH, POST";
        var extensions = new List<string> { "creation", "creation-with-upload" };
        if (capabilities.LengthDeferral is not null)
        {
            extensions.Add("creation-defer-length");
        }
        if (capabilities.Expiry is not null && options.Expiration > TimeSpan.Zero)
        {
            extensions.Add("expiration");
        }
        extensions.Add("checksum");
        extensions.Add("checksum-trailer");
        if (capabilities.Termination is not null)
        {
            extensions.Add("termination");
        }
        if (capabilities.Concatenation is not null)
        {
            extensions.Add("concatenation");
            extensions.Add("concatenation-unfinished");
        }
        Extensions = extensions;
    }

    public IReadOnlyList<string> Extensions { get; }

    /// <summary>RFC 9110 §10.2.1 <c>Allow</c> of the upload collection: creation only.</summary>
    public const string CollectionMethods = "OPTIONS, POST";

    /// <summary>RFC 9110 §10.2.1 <c>Allow</c> of one upload (GET is the RUFH editor's copy's offset retrieval; DELETE is tus
    /// termination, listed only when the store can terminate; POST carries <c>X-HTTP-Method-Override</c>).</summary>
    public string ResourceMethods { get; }

    public bool Supports(string extension) => Extensions.Contains(extension);

    /// <summary>The limits of a new upload (OPTIONS, creation) or of <paramref name="upload"/> (remaining max-age).</summary>
    public UploadLimit Limit(UploadInfo? upload, DateTimeOffset now)
    {
        long? maxAge = upload?.ExpiresAt is { } at && !upload.IsComplete
            ? Math.Max(0, (long)(at - now).TotalSeconds)
            : upload is null && _options.Expiration > TimeSpan.Zero ? (long)_options.Expiration.TotalSeconds : null;
        return new UploadLimit(MaxSize: _options.MaxSize > 0 ? _options.MaxSize : null, MaxAgeSeconds: maxAge);
    }

    /// <summary>The OPTIONS answer; <c>Upload-Limit</c> in the dialect the request names (the newest when it names none).</summary>
    public void WriteOptions(HttpContext context, DateTimeOffset now, string allow)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.Allow = allow;
        headers[TusHeaders.Resumable] = TusHeaders.Version;
        headers[TusHeaders.TusVersion] = TusHeaders.Version;
        headers[TusHeaders.Extension] = string.Join(',', Extensions);
        if (_options.MaxSize > 0)
        {
            headers[TusHeaders.MaxSize] = _options.MaxSize.ToString(CultureInfo.InvariantCulture);
        }
        headers[TusHeaders.ChecksumAlgorithm] = string.Join(',', UploadChecksum.Supported);
        if (_placesFiles)
        {
            headers[FileDigestHeader] = DigestValue.Sha256;
        }
        // draft-09–11 "Limits": Accept-Patch must list application/partial-upload in full (the editor's copy dropped the rule).
        headers[BatonFieldNames.AcceptPatch] = ResumableUploadHeaders.PartialUpload + ", " + TusHeaders.OffsetOctetStream;
        var dialect = RufhDialects.Resolve(context.Request.Headers[ResumableUploadHeaders.DraftInteropVersion].ToString()) ?? RufhDialects.Latest;
        headers[ResumableUploadHeaders.UploadLimit] = dialect.OptionsLimitField(Limit(null, now));
        headers[ResumableUploadHeaders.SupportedInteropVersions] = RufhDialects.VersionList;
        response.StatusCode = StatusCodes.Status204NoContent;
    }
}
