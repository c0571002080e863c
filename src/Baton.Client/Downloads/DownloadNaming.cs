using System.Net.Http.Headers;
using System.Text;

namespace Baton.Client.Downloads;

/// <summary>
/// Chooses the local file name: <c>-o</c>, else the response's Content-Disposition (<c>filename*</c> preferred, RFC 6266 §4.3),
/// else the last segment of the URL, else "download". Server-supplied names are reduced to a bare, safe file name so that a
/// hostile server cannot write outside the target folder or create hidden or device files.
/// </summary>
public static class DownloadNaming
{
    public const string Fallback = "download";

    public static string ResolvePath(string? outputPath, ContentDispositionHeaderValue? disposition, Uri url)
    {
        var looksLikeFolder = outputPath is not null &&
            (outputPath.EndsWith(Path.DirectorySeparatorChar) || outputPath.EndsWith(Path.AltDirectorySeparatorChar) || Directory.Exists(outputPath));
        if (outputPath is not null && !looksLikeFolder)
        {
            return Path.GetFullPath(outputPath);
        }
        var name = Sanitize(NameFromDisposition(disposition)) ?? Sanitize(NameFromUrl(url)) ?? Fallback;
        return Path.GetFullPath(Path.Combine(outputPath ?? Directory.GetCurrentDirectory(), name));
    }

    public static string? NameFromDisposition(ContentDispositionHeaderValue? disposition)
    {
        if (disposition is null)
        {
            return null;
        }
        var star = disposition.FileNameStar;
        if (!string.IsNullOrWhiteSpace(star))
        {
            return star;
        }
        var plain = disposition.FileName;
        return string.IsNullOrWhiteSpace(plain) ? null : plain.Trim('"');
    }

    public static string? NameFromUrl(Uri url)
    {
        var last = url.Segments.Length > 0 ? url.Segments[^1] : "";
        return Uri.UnescapeDataString(last.TrimEnd('/'));
    }

    /// <summary>A bare file name without folders, control characters or characters invalid on common file systems; null when nothing usable is left.</summary>
    public static string? Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        // Both separators count: a name from Windows or from a hostile server must not climb folders on any OS.
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        name = name[(lastSeparator + 1)..];
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsControl(c) || c is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : c);
        }
        var cleaned = builder.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (cleaned.Length > 200)
        {
            cleaned = cleaned[..200];
        }
        return cleaned.Length == 0 ? null : cleaned;
    }
}
