using System.Text;

namespace Baton.Protocol.Paths;

/// <summary>
/// A path below the served root, as '/'-separated segments that each name one directory entry. Built only by
/// <see cref="TryParse"/>, which takes the already percent-decoded request path and never decodes again: anything that
/// could climb out of the root or be read differently by another layer is refused lexically, before the file system is touched.
/// (Links that point outside the root are the resolver's job, with the file system in hand.)
/// </summary>
public sealed class RelativePath
{
    /// <summary>Baton's state folder in the root; never served, listed or written by clients.</summary>
    public const string StateFolderName = ".baton";

    private const int MaxLength = 4096;
    private const int MaxSegmentBytes = 255; // NAME_MAX on Linux

    private RelativePath(string[] segments) => Segments = segments;

    public static RelativePath Root { get; } = new([]);

    public IReadOnlyList<string> Segments { get; }

    public bool IsRoot => Segments.Count == 0;

    /// <summary>The last segment (the entry's name), or empty for the root.</summary>
    public string Name => IsRoot ? "" : Segments[^1];

    public override string ToString() => string.Join('/', Segments);

    public RelativePath Append(string name) => new([.. Segments, name]);

    /// <summary>The folder holding this entry (the root for an entry at the root, and for the root itself).</summary>
    public RelativePath Parent => Segments.Count <= 1 ? Root : new([.. Segments.Take(Segments.Count - 1)]);

    /// <summary>For callers that have already checked every segment (see <see cref="NewEntryPath"/>).</summary>
    internal static RelativePath FromSegments(IEnumerable<string> segments) => new([.. segments]);

    /// <summary>
    /// Checks a decoded path. Leading and trailing slashes are allowed (a folder may be written <c>a/b/</c>); empty segments
    /// in between (<c>a//b</c>), <c>.</c>, <c>..</c>, backslashes, NUL and other control characters, unpaired surrogates,
    /// drive letters (<c>C:</c>), percent-escapes that survived one decoding (double encoding such as <c>%252e</c>) and
    /// over-long names are <see cref="PathCheck.Invalid"/>. Names starting with a dot are <see cref="PathCheck.Hidden"/>
    /// unless <paramref name="allowHidden"/>; Baton's state folder is hidden always.
    /// </summary>
    public static PathCheck TryParse(string? value, bool allowHidden, out RelativePath path)
    {
        path = Root;
        if (string.IsNullOrEmpty(value))
        {
            return PathCheck.Valid;
        }
        if (value.Length > MaxLength)
        {
            return PathCheck.Invalid;
        }
        var trimmed = value.AsSpan();
        if (trimmed[0] == '/')
        {
            trimmed = trimmed[1..];
        }
        if (!trimmed.IsEmpty && trimmed[^1] == '/')
        {
            trimmed = trimmed[..^1];
        }
        if (trimmed.IsEmpty)
        {
            return PathCheck.Valid;
        }
        var segments = new List<string>();
        var hidden = false;
        foreach (var range in trimmed.Split('/'))
        {
            var segment = trimmed[range];
            var check = CheckSegment(segment, isFirst: segments.Count == 0);
            if (check == PathCheck.Invalid)
            {
                return PathCheck.Invalid;
            }
            if (segment[0] == '.' && (!allowHidden || segment.SequenceEqual(StateFolderName)))
            {
                hidden = true;
            }
            segments.Add(segment.ToString());
        }
        path = new RelativePath([.. segments]);
        return hidden ? PathCheck.Hidden : PathCheck.Valid;
    }

    private static PathCheck CheckSegment(ReadOnlySpan<char> segment, bool isFirst)
    {
        if (segment.IsEmpty || segment is "." or "..")
        {
            return PathCheck.Invalid;
        }
        if (isFirst && segment.Length >= 2 && char.IsAsciiLetter(segment[0]) && segment[1] == ':')
        {
            return PathCheck.Invalid; // a Windows drive (C:, C:foo): absolute on Windows, never a name we serve
        }
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (char.IsControl(c) || c == '\\') // C0, DEL and C1 (U+0080–U+009F, e.g. CSI) controls
            {
                return PathCheck.Invalid;
            }
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= segment.Length || !char.IsLowSurrogate(segment[i + 1]))
                {
                    return PathCheck.Invalid;
                }
                i++;
            }
            else if (c == '%' && i + 2 < segment.Length && char.IsAsciiHexDigit(segment[i + 1]) && char.IsAsciiHexDigit(segment[i + 2]))
            {
                return PathCheck.Invalid; // still percent-encoded after decoding: double encoding
            }
        }
        if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
        {
            return PathCheck.Invalid;
        }
        return PathCheck.Valid;
    }
}
