namespace Baton.Protocol.Tus;

/// <summary>
/// tus checksum extension, <c>Upload-Checksum</c>: the algorithm name, a space, and the Base64 checksum of this request's body.
/// </summary>
public sealed record UploadChecksum(string Algorithm, byte[] Expected)
{
    /// <summary>The algorithms Baton verifies, in the order advertised in <c>Tus-Checksum-Algorithm</c> (sha1 is required by the spec).</summary>
    public static IReadOnlyList<string> Supported { get; } = ["sha1", "md5", "sha256", "sha512", "crc32"];

    public static bool IsSupported(string algorithm) => Supported.Contains(algorithm);

    /// <summary>Parses the field. An unsupported algorithm still parses (the caller answers 400); bad syntax does not.</summary>
    public static bool TryParse(string? value, out UploadChecksum checksum)
    {
        checksum = null!;
        var text = value?.Trim(' ', '\t');
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var space = text.IndexOf(' ');
        if (space <= 0 || space == text.Length - 1)
        {
            return false;
        }
        var algorithm = text[..space];
        var encoded = text[(space + 1)..].Trim(' ');
        // Algorithm names are ASCII without uppercase letters (tus §Checksum).
        if (algorithm.Any(c => c <= ' ' || c >= 0x7F || char.IsAsciiLetterUpper(c)))
        {
            return false;
        }
        var bytes = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written) || written == 0)
        {
            return false;
        }
        checksum = new UploadChecksum(algorithm, bytes[..written]);
        return true;
    }
}
