using Baton.Protocol.Problems;
using Baton.Protocol.Tus;

namespace Baton.Server.Uploads;

/// <summary>
/// The accept list checked at creation (the seed's restrictions): <see cref="UploadOptions.MaxSize"/>,
/// <see cref="UploadOptions.AllowedExtensions"/> (of the sanitised file name) and <see cref="UploadOptions.AllowedMediaTypes"/>
/// (of the <c>filetype</c> metadata, wildcards like <c>image/*</c> allowed), and the target path (<see cref="UploadTarget"/>).
/// </summary>
public static class UploadRestrictions
{
    public static ProtocolError? Check(UploadOptions options, UploadMetadata metadata, long? length)
    {
        if (options.MaxSize > 0 && length > options.MaxSize)
        {
            return ProtocolErrors.UploadTooLarge.WithDetail($"The upload is {length} bytes; at most {options.MaxSize} are accepted.");
        }
        if (options.AllowedExtensions.Length > 0)
        {
            var name = UploadFileName.Sanitize(metadata.GetString("filename") ?? metadata.GetString("name"), "x");
            var extension = Path.GetExtension(name);
            if (!options.AllowedExtensions.Any(e => string.Equals(Normalise(e), extension, StringComparison.OrdinalIgnoreCase)))
            {
                return ProtocolErrors.UploadExtensionNotAllowed.WithDetail(
                    $"'{(extension.Length == 0 ? "(none)" : extension)}' is not one of: {string.Join(", ", options.AllowedExtensions)}.");
            }
        }
        if (options.AllowedMediaTypes.Length > 0)
        {
            var type = (metadata.GetString("filetype") ?? metadata.GetString("type") ?? "").Split(';')[0].Trim();
            if (!options.AllowedMediaTypes.Any(allowed => Matches(allowed, type)))
            {
                return ProtocolErrors.UploadTypeNotAllowed.WithDetail(
                    $"'{(type.Length == 0 ? "(none)" : type)}' is not one of: {string.Join(", ", options.AllowedMediaTypes)}.");
            }
        }
        // The target folder and relativePath (issue 14): refused now, before any byte is stored, not at completion.
        return UploadTarget.TryDecide(metadata, "x", allowHidden: false, out _);
    }

    private static string Normalise(string extension) => extension.StartsWith('.') ? extension : "." + extension;

    private static bool Matches(string allowed, string type)
    {
        if (type.Length == 0)
        {
            return false;
        }
        if (allowed == "*/*" || string.Equals(allowed, type, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return allowed.EndsWith("/*", StringComparison.Ordinal)
            && type.StartsWith(allowed[..^1], StringComparison.OrdinalIgnoreCase);
    }
}
