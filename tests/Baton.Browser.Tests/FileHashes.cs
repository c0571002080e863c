using System.Security.Cryptography;

namespace Baton.Browser.Tests;

public static class FileHashes
{
    /// <summary>Hex SHA-256 of a file, streamed.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
