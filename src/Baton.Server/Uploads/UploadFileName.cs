using System.Globalization;
using System.Text;

namespace Baton.Server.Uploads;

/// <summary>
/// The file name a completed upload gets in ROOT, from the client's <c>filename</c> metadata — untrusted input (the drafts' "Security Considerations"):
/// only the last path component survives, control and format characters are dropped, no leading dots (no hidden files, never
/// <c>.baton</c>), at most 255 UTF-8 bytes. Anything left empty becomes <c>upload-ID</c>.
/// </summary>
public static class UploadFileName
{
    private const int MaxBytes = 255;

    public static string Sanitize(string? requested, string uploadId)
    {
        var name = requested ?? "";
        var cut = name.LastIndexOfAny(['/', '\\']);
        if (cut >= 0)
        {
            name = name[(cut + 1)..];
        }
        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse)
            {
                continue;
            }
            builder.Append(rune.ToString());
        }
        name = builder.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        name = Truncate(name);
        // With leading dots gone, ".", ".." and ".baton" cannot survive.
        return name.Length == 0 ? "upload-" + uploadId : name;
    }

    /// <summary>The candidate full paths in <paramref name="folder"/>: the name, then <c>name (1).ext</c>, <c>name (2).ext</c>…</summary>
    public static IEnumerable<string> Candidates(string folder, string fileName)
    {
        yield return Path.Combine(folder, fileName);
        var extension = Path.GetExtension(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        for (var i = 1; i < 10_000; i++)
        {
            yield return Path.Combine(folder, Truncate($"{stem} ({i})", MaxBytes - Encoding.UTF8.GetByteCount(extension)) + extension);
        }
    }

    private static string Truncate(string name, int maxBytes = MaxBytes)
    {
        if (Encoding.UTF8.GetByteCount(name) <= maxBytes)
        {
            return name;
        }
        var builder = new StringBuilder();
        var bytes = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
            {
                break;
            }
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }
}
