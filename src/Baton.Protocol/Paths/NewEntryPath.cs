using System.Text;

namespace Baton.Protocol.Paths;

/// <summary>
/// Validates the paths Baton is asked to create — an upload's target folder (<c>Upload-Metadata</c> key <c>folder</c>) with
/// Uppy's <c>relativePath</c> (<c>top/sub/name</c> for a file from a dropped folder), a new folder, a move's destination —
/// into one <see cref="RelativePath"/> below the root (or a caller's scope), NFC-normalised, every name checked by the rules
/// of <see cref="NewEntryName"/> and the whole by <see cref="PathLimits"/>. Purely lexical: links and existing names are the
/// store's business (see <see cref="NameCollisionComparer"/> for names that clash by case or normalisation).
/// </summary>
public static class NewEntryPath
{
    /// <summary>
    /// Checks a folder path (mkdir, a move's destination, an upload's <c>folder</c>). One leading and one trailing '/' are
    /// allowed and mean nothing (the path is always below the root); empty or "/" is the root itself.
    /// </summary>
    public static NewPathCheck TryParse(string? value, PathLimits limits, bool allowHidden, out RelativePath path)
    {
        var segments = new List<string>();
        var check = Append(segments, value, limits, allowHidden, isFile: false);
        return Finish(check, segments, limits, out path);
    }

    /// <summary>
    /// The file an upload creates: below <paramref name="folder"/>, at <paramref name="relativePath"/> when the client sent one
    /// (it includes the file's name; Uppy sends it with a leading '/' for dropped folders, as <c>FileSystemEntry.fullPath</c>),
    /// otherwise named <paramref name="fileName"/> (one name, no '/'). A <paramref name="relativePath"/> wins over the
    /// file name: it carries the structure. A <paramref name="relativePath"/> of one name carries none and gives way to a file name:
    /// Uppy sends the key for every file, as the text <c>null</c> for one that came from no folder (tus-js-client stringifies
    /// metadata values), which would otherwise name every plain upload "null".
    /// </summary>
    public static NewPathCheck TryCombine(string? folder, string? relativePath, string? fileName, PathLimits limits, bool allowHidden,
        out RelativePath path)
    {
        var segments = new List<string>();
        var check = Append(segments, folder, limits, allowHidden, isFile: false);
        if (check is NewPathCheck.Valid or NewPathCheck.Hidden)
        {
            var useRelative = !string.IsNullOrEmpty(relativePath)
                && (relativePath.TrimStart('/').Contains('/') || string.IsNullOrEmpty(fileName));
            var fileCheck = !useRelative
                ? AppendName(segments, fileName, limits)
                : Append(segments, relativePath, limits, allowHidden, isFile: true);
            check = fileCheck == NewPathCheck.Valid ? check : fileCheck;
        }
        if (check == NewPathCheck.Valid && segments.Count == 0)
        {
            check = NewPathCheck.Invalid; // a file needs a name
        }
        return Finish(check == NewPathCheck.Hidden && allowHidden ? NewPathCheck.Valid : check, segments, limits, out path);
    }

    private static NewPathCheck AppendName(List<string> segments, string? name, PathLimits limits)
    {
        var check = NewEntryName.Check(name, limits, out var normalized);
        if (check is NewPathCheck.Valid or NewPathCheck.Hidden)
        {
            segments.Add(normalized);
        }
        return check;
    }

    /// <summary>Appends the names of a '/'-separated path; returns the first hard failure, else Hidden if any name was hidden
    /// (and hidden names are not allowed), else Valid.</summary>
    private static NewPathCheck Append(List<string> segments, string? value, PathLimits limits, bool allowHidden, bool isFile)
    {
        if (string.IsNullOrEmpty(value))
        {
            return NewPathCheck.Valid;
        }
        // Each UTF-16 unit is at least one UTF-8 byte: refuse huge input before any per-character work.
        if (value.Length > limits.MaxPathBytes + 2)
        {
            return NewPathCheck.PathTooLong;
        }
        var span = value.AsSpan();
        span = span.StartsWith('/') ? span[1..] : span;
        if (!isFile && span.EndsWith('/'))
        {
            span = span[..^1];
        }
        if (span.IsEmpty)
        {
            return isFile ? NewPathCheck.Invalid : NewPathCheck.Valid;
        }
        var hidden = false;
        foreach (var range in span.Split('/'))
        {
            var check = NewEntryName.Check(span[range], limits, out var normalized);
            if (check is not (NewPathCheck.Valid or NewPathCheck.Hidden))
            {
                return check;
            }
            hidden |= check == NewPathCheck.Hidden;
            segments.Add(normalized);
        }
        return hidden && !allowHidden ? NewPathCheck.Hidden : NewPathCheck.Valid;
    }

    private static NewPathCheck Finish(NewPathCheck check, List<string> segments, PathLimits limits, out RelativePath path)
    {
        path = RelativePath.Root;
        if (check != NewPathCheck.Valid)
        {
            return check;
        }
        if (segments.Count > limits.MaxDepth)
        {
            return NewPathCheck.TooDeep;
        }
        var bytes = segments.Count - 1;
        foreach (var segment in segments)
        {
            bytes += Encoding.UTF8.GetByteCount(segment);
        }
        if (bytes > limits.MaxPathBytes)
        {
            return NewPathCheck.PathTooLong;
        }
        path = RelativePath.FromSegments(segments);
        return NewPathCheck.Valid;
    }
}
