namespace Baton.Client.Downloads;

/// <summary>
/// The URL segments are fetched from. A redirect target may be a signed URL that expires mid-download (403/410); then the
/// original URL is asked again for a fresh target, which must still serve the same representation — unlike tools that reuse
/// the expired URL for every segment.
/// </summary>
internal sealed class ResourceLocation(HttpClient http, Uri original, RemoteResource expected)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Uri Original { get; } = original;

    public Uri Current { get; private set; } = expected.FinalUrl;

    public bool IsRedirected => Current != Original;

    /// <summary>Re-resolves the original URL unless another connection already did since <paramref name="failed"/> failed.</summary>
    public async Task RefreshAsync(Uri failed, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Current != failed)
            {
                return;
            }
            var fresh = await RemoteProbe.ProbeAsync(http, Original, wantDigest: false, cancellationToken);
            var same = fresh.Length == expected.Length &&
                (expected.ETag is { IsWeak: false } tag
                    ? fresh.ETag is { } freshTag && tag.StrongEquals(freshTag)
                    : fresh.LastModified == expected.LastModified);
            if (!same)
            {
                throw new RemoteChangedException($"{Original} now leads to a different file than when the download began");
            }
            Current = fresh.FinalUrl;
        }
        finally
        {
            _gate.Release();
        }
    }
}
