using System.Globalization;
using System.Security.Cryptography;

namespace Baton.Client.Downloads;

/// <summary>A checksum the user expects, from <c>--checksum ALGO=HEX</c> (sha256, sha512, sha384, sha1, md5).</summary>
public sealed record ExpectedChecksum(HashAlgorithmName Algorithm, byte[] Value)
{
    private static readonly Dictionary<string, (HashAlgorithmName Name, int Bytes)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sha256"] = (HashAlgorithmName.SHA256, 32),
        ["sha-256"] = (HashAlgorithmName.SHA256, 32),
        ["sha512"] = (HashAlgorithmName.SHA512, 64),
        ["sha-512"] = (HashAlgorithmName.SHA512, 64),
        ["sha384"] = (HashAlgorithmName.SHA384, 48),
        ["sha1"] = (HashAlgorithmName.SHA1, 20),
        ["md5"] = (HashAlgorithmName.MD5, 16),
    };

    public static bool TryParse(string? text, out ExpectedChecksum? checksum, out string? error)
    {
        checksum = null;
        error = null;
        var equals = text?.IndexOf('=') ?? -1;
        if (text is null || equals <= 0)
        {
            error = "expected ALGO=HEX, e.g. sha256=9f86d0…";
            return false;
        }
        var algorithm = text[..equals].Trim();
        var hex = text[(equals + 1)..].Trim();
        if (!Known.TryGetValue(algorithm, out var known))
        {
            error = $"unknown checksum algorithm '{algorithm}' (use sha256, sha512, sha384, sha1 or md5)";
            return false;
        }
        if (hex.Length != known.Bytes * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            error = $"a {algorithm} checksum is {known.Bytes * 2} hex digits";
            return false;
        }
        checksum = new ExpectedChecksum(known.Name, Convert.FromHexString(hex));
        return true;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Algorithm.Name!.ToLowerInvariant()}={Convert.ToHexStringLower(Value)}");
}
