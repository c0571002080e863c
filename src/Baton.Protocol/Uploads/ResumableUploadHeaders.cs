using Baton.Protocol.StructuredFields;

namespace Baton.Protocol.Uploads;

/// <summary>
/// Header fields of the IETF Resumable Uploads for HTTP drafts (draft-ietf-httpbis-resumable-upload-05 to -12, interop versions
/// 6 to 9: the same names in all of them; draft-01 and older used <c>Upload-Incomplete</c>). Every field is a structured field
/// (RFC 9651); a value of the wrong type makes the whole field ignored ("State"). What differs between the drafts is in
/// <see cref="Dialects.RufhDialect"/>.
/// </summary>
public static class ResumableUploadHeaders
{
    /// <summary>Appendix "Draft Version Identification": the interop version (an sf-integer) a request speaks.</summary>
    public const string DraftInteropVersion = "Upload-Draft-Interop-Version";

    /// <summary>Baton's own OPTIONS (and refusal) header listing the interop versions it speaks, e.g. <c>6, 7, 8, 9</c>.</summary>
    public const string SupportedInteropVersions = "Baton-Interop-Versions";

    public const string UploadOffset = "Upload-Offset";
    public const string UploadComplete = "Upload-Complete";
    public const string UploadLength = "Upload-Length";
    public const string UploadLimit = "Upload-Limit";

    /// <summary>"Media Type application/partial-upload": the media type of PATCH bodies appending to an upload.</summary>
    public const string PartialUpload = "application/partial-upload";

    /// <summary>Upload-Offset, Upload-Length, the interop version: a non-negative sf-integer; anything else means the field is ignored (returns false).</summary>
    public static bool TryParseNonNegative(string? field, out long value)
    {
        value = 0;
        if (!SfParser.TryParseItem(field, out var item) || item.Kind != SfKind.Integer || item.AsInteger < 0)
        {
            return false;
        }
        value = item.AsInteger;
        return true;
    }

    /// <summary>Upload-Complete: an sf-boolean; anything else means the field is ignored (returns false).</summary>
    public static bool TryParseBoolean(string? field, out bool value)
    {
        value = false;
        if (!SfParser.TryParseItem(field, out var item) || item.Kind != SfKind.Boolean)
        {
            return false;
        }
        value = item.AsBoolean;
        return true;
    }

    public static string FormatBoolean(bool value) => value ? "?1" : "?0";
}
