using Baton.Protocol.StructuredFields;

namespace Baton.Protocol.Uploads;

/// <summary>
/// Header fields of the IETF Resumable Uploads for HTTP draft (draft-ietf-httpbis-resumable-upload-11, interop version 8).
/// Every field is a structured field (RFC 9651); a value of the wrong type makes the whole field ignored (§4.1–4.3).
/// </summary>
public static class ResumableUploadHeaders
{
    /// <summary>Appendix "Draft interop version": the iteration of the draft implemented.</summary>
    public const int InteropVersion = 8;

    public const string DraftInteropVersion = "Upload-Draft-Interop-Version";
    public const string UploadOffset = "Upload-Offset";
    public const string UploadComplete = "Upload-Complete";
    public const string UploadLength = "Upload-Length";
    public const string UploadLimit = "Upload-Limit";

    /// <summary>§7: the media type of PATCH bodies appending to an upload.</summary>
    public const string PartialUpload = "application/partial-upload";

    /// <summary>§4.1: a non-negative sf-integer; anything else means the field is ignored (returns false).</summary>
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

    /// <summary>§4.2: an sf-boolean; anything else means the field is ignored (returns false).</summary>
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

    /// <summary>Appendix: the request speaks interop version 8 (only then may a 104 be sent).</summary>
    public static bool IsCurrentInterop(string? field) => TryParseNonNegative(field, out var v) && v == InteropVersion;

    public static string FormatBoolean(bool value) => value ? "?1" : "?0";
}
