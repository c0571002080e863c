using System.Security.Cryptography;

namespace Baton.Interop.Tests.Client;

internal static class FileHashes
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
