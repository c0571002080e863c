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

    /// <summary>Hex SHA-256 of the file <paramref name="relative"/> as the server's storage backend holds it (disk or S3).</summary>
    public static string StoredSha256(Baton.Testing.BatonTestServer server, string relative) =>
        Convert.ToHexString(SHA256.HashData(server.ReadStoredFile(relative) ?? throw new FileNotFoundException("not stored", relative)));
}
