using System.Globalization;
using System.Net;
using Baton.Client.Downloads;
using Baton.Client.Transfers;
using Baton.Protocol.Digests;
using Baton.Protocol.Fields;
using Baton.Protocol.Tus;
using Baton.Protocol.Uploads;
using Baton.Protocol.Uploads.Dialects;

namespace Baton.Client.Uploads;

/// <summary>
/// What a tus server advertises in its OPTIONS response (tus 1.0 §"OPTIONS"): versions, extensions, checksum algorithms, max size;
/// and Baton's <c>Baton-File-Digest</c> (docs/uploads.md): the digests a completed upload's file answers <c>Want-Repr-Digest</c> with.
/// </summary>
/// <remarks>
/// The same OPTIONS also decides the protocol (<see cref="UploadProtocol"/>): an IETF upload (<see cref="Protocol"/> =
/// <see cref="UploadProtocol.Ietf"/>) uses the newest interop version in Baton's <c>Baton-Interop-Versions</c> that the client
/// speaks, or 6 (the most deployed: tusd, tus-js-client, URLSession on iOS 18) from a server that does not list its versions; it
/// offers only creation (no tus extensions, no chunk checksums).
/// </remarks>
public sealed record TusCapabilities(IReadOnlySet<string> Extensions, IReadOnlyList<string> ChecksumAlgorithms, long? MaxSize,
    IReadOnlyList<string>? FileDigests = null, UploadProtocol Protocol = UploadProtocol.Tus, int? InteropVersion = null)
{
    /// <summary>The interop version used with a server that does not advertise any (draft-05: tusd, tus-js-client, iOS 18).</summary>
    public const int DefaultInteropVersion = 6;

    public const string FileDigestHeader = BatonFieldNames.FileDigest;

    public const string Version = TusHeaders.Version;

    public bool Creation => Extensions.Contains("creation");
    public bool CreationWithUpload => Extensions.Contains("creation-with-upload");
    public bool Concatenation => Extensions.Contains("concatenation");
    public bool Termination => Extensions.Contains("termination");

    /// <summary>The checksum algorithm to use per chunk, strongest first among those we can compute; null when none is offered.</summary>
    public string? ChecksumAlgorithm => Extensions.Contains("checksum")
        ? new[] { "sha256", "sha1", "md5" }.FirstOrDefault(a => ChecksumAlgorithms.Contains(a, StringComparer.OrdinalIgnoreCase))
        : null;

    /// <summary>The stored file's SHA-256 can be asked for after completion (end-to-end verification).</summary>
    public bool FileSha256 => FileDigests?.Contains(DigestValue.Sha256, StringComparer.OrdinalIgnoreCase) == true;

    /// <summary>The per-chunk <c>Upload-Checksum</c> algorithm under <paramref name="mode"/>, or null for none.</summary>
    public string? ChunkChecksumAlgorithm(ChunkChecksums mode) => mode switch
    {
        ChunkChecksums.Always => ChecksumAlgorithm,
        ChunkChecksums.Auto when !FileSha256 => ChecksumAlgorithm,
        _ => null,
    };

    public static Task<TusCapabilities> DiscoverAsync(HttpClient http, Uri endpoint, CancellationToken cancellationToken) =>
        DiscoverAsync(http, endpoint, UploadProtocol.Tus, cancellationToken);

    public static async Task<TusCapabilities> DiscoverAsync(HttpClient http, Uri endpoint, UploadProtocol protocol, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, endpoint);
        request.Headers.Add(TusHeaders.Resumable, Version);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound)
        {
            // A page or file URL (often the server's base URL) rather than an upload endpoint: say where uploads go.
            throw new TransferException(TransferFailure.HttpError,
                $"{endpoint} is not an upload endpoint (OPTIONS answered {(int)response.StatusCode} {response.ReasonPhrase}){UploadsHint(endpoint)}")
            {
                StatusCode = (int)response.StatusCode,
            };
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await RemoteProbe.StatusFailureAsync(endpoint, response, cancellationToken);
        }
        var versions = List(RemoteProbe.HeaderValue(response, TusHeaders.TusVersion));
        var fileDigests = List(RemoteProbe.HeaderValue(response, FileDigestHeader));
        var interop = List(RemoteProbe.HeaderValue(response, ResumableUploadHeaders.SupportedInteropVersions))
            .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(RufhDialects.Versions.Contains).ToList();
        var advertised = RemoteProbe.HeaderValue(response, ResumableUploadHeaders.SupportedInteropVersions) is not null;
        if (protocol == UploadProtocol.Ietf || (protocol == UploadProtocol.Auto && !versions.Contains(Version) && advertised))
        {
            if (advertised && interop.Count == 0)
            {
                throw new TransferException(TransferFailure.Protocol,
                    $"{endpoint} speaks IETF resumable upload interop versions {RemoteProbe.HeaderValue(response, ResumableUploadHeaders.SupportedInteropVersions)}; baton speaks {RufhDialects.VersionList}");
            }
            return new TusCapabilities(new HashSet<string>(["creation"], StringComparer.OrdinalIgnoreCase), [], null, fileDigests,
                UploadProtocol.Ietf, interop.Count > 0 ? interop.Max() : DefaultInteropVersion);
        }
        if (!versions.Contains(Version))
        {
            throw new TransferException(TransferFailure.Protocol,
                $"{endpoint} is not a tus 1.0.0 server (Tus-Version: {RemoteProbe.HeaderValue(response, TusHeaders.TusVersion) ?? "absent"}){UploadsHint(endpoint)}");
        }
        var max = long.TryParse(RemoteProbe.HeaderValue(response, TusHeaders.MaxSize), out var m) ? m : (long?)null;
        return new TusCapabilities(
            List(RemoteProbe.HeaderValue(response, TusHeaders.Extension)).ToHashSet(StringComparer.OrdinalIgnoreCase),
            List(RemoteProbe.HeaderValue(response, TusHeaders.ChecksumAlgorithm)),
            max,
            fileDigests);
    }

    /// <summary>"; a Baton server takes uploads at …/uploads/" unless the endpoint already is one.</summary>
    internal static string UploadsHint(Uri endpoint) => endpoint.AbsolutePath.TrimEnd('/').EndsWith("/uploads", StringComparison.Ordinal)
        ? ""
        : $"; a Baton server takes uploads at {new Uri(endpoint, "/uploads/")}";

    private static List<string> List(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
