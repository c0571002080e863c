namespace Baton.Protocol.Tus;

/// <summary>
/// tus concatenation extension, <c>Upload-Concat</c>: <c>partial</c>, or <c>final;URL URL…</c> with the partial uploads' URLs
/// (absolute or relative, space-separated, in concatenation order).
/// </summary>
public sealed record UploadConcat(bool IsPartial, IReadOnlyList<string> PartialUrls)
{
    public static UploadConcat Partial { get; } = new(true, []);

    public bool IsFinal => !IsPartial;

    public override string ToString() => IsPartial ? "partial" : "final;" + string.Join(' ', PartialUrls);

    public static bool TryParse(string? value, out UploadConcat concat)
    {
        concat = null!;
        var text = value?.Trim(' ', '\t');
        if (text == "partial")
        {
            concat = Partial;
            return true;
        }
        if (text is null || !text.StartsWith("final;", StringComparison.Ordinal))
        {
            return false;
        }
        var urls = text["final;".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (urls.Length == 0 || urls.Length > 1000)
        {
            return false;
        }
        concat = new UploadConcat(false, urls);
        return true;
    }

    /// <summary>
    /// The upload ids the partial URLs name, or null when any URL is not an upload of the collection at
    /// <paramref name="collection"/> (the absolute URL the final POST was sent to): each URL is resolved against it
    /// (RFC 3986 §5.2; a bare id is relative to the collection) and must then have the same origin (RFC 6454 §4: scheme, host,
    /// port) and the path <c>collection/ID</c>. Query and fragment are ignored (a signed link's query is not part of the upload's
    /// identity). A URL on another origin would let a caller splice in what it cannot name here, so it is refused, not stripped
    /// to its last segment.
    /// </summary>
    public IReadOnlyList<string>? PartialIds(Uri collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        var basePath = collection.AbsolutePath.TrimEnd('/') + "/";
        var baseUri = new UriBuilder(collection) { Path = basePath, Query = "", Fragment = "" }.Uri;
        var ids = new List<string>(PartialUrls.Count);
        foreach (var url in PartialUrls)
        {
            if (!Uri.TryCreate(baseUri, url, out var resolved)
                || Uri.Compare(resolved, baseUri, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                return null;
            }
            var path = resolved.AbsolutePath;
            if (!path.StartsWith(basePath, StringComparison.Ordinal))
            {
                return null;
            }
            var id = path[basePath.Length..].TrimEnd('/');
            if (id.Length == 0 || id.Contains('/') || id.Contains('%'))
            {
                return null;
            }
            ids.Add(id);
        }
        return ids;
    }
}
