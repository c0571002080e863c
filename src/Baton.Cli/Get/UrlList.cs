namespace Baton.Cli.Get;

/// <summary>Reads the URL list of <c>get -i FILE</c>.</summary>
public static class UrlList
{
    public static bool TryParseUrl(string text, out Uri uri) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool TryRead(FileInfo file, out List<Uri> urls, out string? error)
    {
        urls = [];
        error = null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read {file.FullName}: {e.Message}";
            return false;
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (!TryParseUrl(line, out var uri))
            {
                error = $"{file.Name}:{i + 1}: '{line}' is not an http or https URL";
                return false;
            }
            urls.Add(uri);
        }
        if (urls.Count == 0)
        {
            error = $"{file.Name} lists no URL";
            return false;
        }
        return true;
    }
}
