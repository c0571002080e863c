using Baton.Client.Downloads;
using Baton.Client.Transfers;

namespace Baton.Client.Uploads;

/// <summary>What a tus server advertises in its OPTIONS response (tus 1.0 §"OPTIONS"): versions, extensions, checksum algorithms, max size.</summary>
public sealed record TusCapabilities(IReadOnlySet<string> Extensions, IReadOnlyList<string> ChecksumAlgorithms, long? MaxSize)
{
    public const string Version = "1.0.0";

    public bool Creation => Extensions.Contains("creation");
    public bool CreationWithUpload => Extensions.Contains("creation-with-upload");
    public bool Concatenation => Extensions.Contains("concatenation");
    public bool Termination => Extensions.Contains("termination");

    /// <summary>The checksum algorithm to use per chunk, strongest first among those we can compute; null when none is offered.</summary>
    public string? ChecksumAlgorithm => Extensions.Contains("checksum")
        ? new[] { "sha256", "sha1", "md5" }.FirstOrDefault(a => ChecksumAlgorithms.Contains(a, StringComparer.OrdinalIgnoreCase))
        : null;

    public static async Task<TusCapabilities> DiscoverAsync(HttpClient http, Uri endpoint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, endpoint);
        request.Headers.Add("Tus-Resumable", Version);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await RemoteProbe.StatusFailureAsync(endpoint, response, cancellationToken);
        }
        var versions = List(RemoteProbe.HeaderValue(response, "Tus-Version"));
        if (!versions.Contains(Version))
        {
            throw new TransferException(TransferFailure.Protocol,
                $"{endpoint} is not a tus 1.0.0 server (Tus-Version: {RemoteProbe.HeaderValue(response, "Tus-Version") ?? "absent"})");
        }
        var max = long.TryParse(RemoteProbe.HeaderValue(response, "Tus-Max-Size"), out var m) ? m : (long?)null;
        return new TusCapabilities(
            List(RemoteProbe.HeaderValue(response, "Tus-Extension")).ToHashSet(StringComparer.OrdinalIgnoreCase),
            List(RemoteProbe.HeaderValue(response, "Tus-Checksum-Algorithm")),
            max);
    }

    private static List<string> List(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
