using System.Security.Cryptography;

namespace Baton.Storage.FileSystem;

/// <summary>Upload ids: 128 random bits as 22 characters of Base64url (RFC 4648 §5): unguessable, URL- and file-name-safe.</summary>
public static class UploadIds
{
    public const int Length = 22;

    public static string New() => Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> has the shape of an id this store issues (so it can never name another path).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
