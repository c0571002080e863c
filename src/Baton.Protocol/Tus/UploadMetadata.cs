using System.Text;

namespace Baton.Protocol.Tus;

/// <summary>
/// tus 1.0 <c>Upload-Metadata</c> (creation extension): comma-separated pairs of a key and a Base64 value separated by a space.
/// Keys are non-empty, without spaces or commas, and unique; a value may be empty (then the space may be left out).
/// </summary>
public sealed class UploadMetadata
{
    public const string HeaderName = "Upload-Metadata";

    private readonly List<KeyValuePair<string, byte[]>> _pairs;

    public UploadMetadata(IEnumerable<KeyValuePair<string, byte[]>> pairs) => _pairs = [.. pairs];

    public static UploadMetadata Empty { get; } = new([]);

    public IReadOnlyList<KeyValuePair<string, byte[]>> Pairs => _pairs;

    public int Count => _pairs.Count;

    /// <summary>The raw bytes of <paramref name="key"/>'s value, or null.</summary>
    public byte[]? this[string key] => _pairs.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>The value of <paramref name="key"/> decoded as UTF-8, or null when absent or not valid UTF-8.</summary>
    public string? GetString(string key)
    {
        var bytes = this[key];
        if (bytes is null)
        {
            return null;
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static UploadMetadata FromStrings(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, byte[]>(p.Key, Encoding.UTF8.GetBytes(p.Value))));

    /// <summary>The header value: keys in their original order, values Base64-encoded.</summary>
    public override string ToString() => string.Join(',', _pairs.Select(p =>
        p.Value.Length == 0 ? p.Key : p.Key + " " + Convert.ToBase64String(p.Value)));

    /// <summary>Parses the header; <paramref name="error"/> says what was wrong in words fit for a problem detail.</summary>
    public static bool TryParse(string? value, out UploadMetadata metadata, out string? error)
    {
        metadata = Empty;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        var pairs = new List<KeyValuePair<string, byte[]>>();
        foreach (var raw in value.Split(','))
        {
            var part = raw.Trim(' ', '\t');
            if (part.Length == 0)
            {
                error = "Upload-Metadata has an empty pair.";
                return false;
            }
            var space = part.IndexOf(' ');
            var key = space < 0 ? part : part[..space];
            var encoded = space < 0 ? "" : part[(space + 1)..];
            if (key.Length == 0 || encoded.Contains(' ') || key.Any(c => c <= ' ' || c >= 0x7F))
            {
                error = $"Upload-Metadata pair '{Shorten(part)}' is not 'key base64value'.";
                return false;
            }
            if (pairs.Any(p => p.Key == key))
            {
                error = $"Upload-Metadata key '{Shorten(key)}' appears more than once.";
                return false;
            }
            var decoded = new byte[(encoded.Length * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(encoded, decoded, out var written))
            {
                error = $"Upload-Metadata value of '{Shorten(key)}' is not valid Base64.";
                return false;
            }
            pairs.Add(new(key, decoded[..written]));
        }
        metadata = new UploadMetadata(pairs);
        return true;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
