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
    /// The last path segment of a partial upload URL (the upload id), whatever its scheme and host. Query and fragment are
    /// ignored. Whether the id is one of ours is for the store to say; this only extracts it.
    /// </summary>
    public static string LastSegment(string url)
    {
        var path = url;
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            path = path[..cut];
        }
        path = path.TrimEnd('/');
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }
}
