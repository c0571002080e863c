using Microsoft.AspNetCore.StaticFiles;

namespace Baton.Server.Downloads;

/// <summary>
/// Content-Type from the file extension, and whether a browser may show the file inline. Only passive types are inline
/// (images other than SVG, audio, video, plain text); everything else — HTML, SVG, XML, JavaScript, PDF, unknown — is an
/// attachment, so a user's file never runs in Baton's origin.
/// </summary>
public static class MediaTypes
{
    public const string Fallback = "application/octet-stream";

    private static readonly FileExtensionContentTypeProvider Provider = new();

    private static readonly HashSet<string> InlineTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp", "image/x-icon", "image/vnd.microsoft.icon",
        "text/plain", "text/csv", "application/json",
    };

    public static string For(string fileName) =>
        Provider.TryGetContentType(fileName, out var type) ? type : Fallback;

    public static bool IsInline(string mediaType) =>
        InlineTypes.Contains(mediaType)
        || mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
        || mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase);
}
