using System.Text;

namespace Baton.Protocol.Disposition;

/// <summary>
/// Builds <c>Content-Disposition</c> (RFC 6266) with both an ASCII <c>filename</c> fallback and, when the name is not plain ASCII,
/// an RFC 8187 <c>filename*=UTF-8''…</c> so any name (Chinese, emoji…) survives in every browser and download tool.
/// </summary>
public static class ContentDisposition
{
    public static string Attachment(string fileName) => Format("attachment", fileName);

    public static string Inline(string fileName) => Format("inline", fileName);

    public static string Format(string type, string fileName)
    {
        var builder = new StringBuilder(type).Append("; filename=\"");
        var needsExtended = false;
        foreach (var rune in fileName.EnumerateRunes())
        {
            var v = rune.Value;
            if (v is < 0x20 or >= 0x7f or '"' or '\\' or '%')
            {
                // quoted-string cannot carry these safely across user agents; the extended form carries the real name
                builder.Append('_');
                needsExtended = true;
            }
            else
            {
                builder.Append((char)v);
            }
        }
        builder.Append('"');
        if (needsExtended)
        {
            builder.Append("; filename*=UTF-8''");
            AppendExtValue(builder, fileName);
        }
        return builder.ToString();
    }

    /// <summary>RFC 8187 §3.2.1 value-chars: attr-char as is, everything else percent-encoded UTF-8.</summary>
    private static void AppendExtValue(StringBuilder builder, string value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var n = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < n; i++)
            {
                var b = utf8[i];
                if (IsAttrChar(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }

    private static bool IsAttrChar(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'&' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_'
            or (byte)'`' or (byte)'|' or (byte)'~';
}
