using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Baton.Cluster.Auth;
using Baton.Server.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Baton.Server.Auth;

/// <summary>
/// HMAC-SHA256 signed, expiring links (like S3 presigned URLs). The signature covers a version tag, the method, the exact decoded
/// path, the expiry and the optional size cap, so changing any of them — or using the link for another path — invalidates it.
/// Query: <c>?exp=UNIXSECONDS[&amp;max=BYTES]&amp;sig=BASE64URL</c>.
/// </summary>
public sealed class LinkSigner
{
    public const string ExpiresParameter = "exp";
    public const string SignatureParameter = "sig";
    public const string MaxBytesParameter = "max";

    /// <summary>The method a link to one upload resource is signed for: it allows HEAD, PATCH and DELETE of that upload.</summary>
    public const string UploadResourceMethod = "UPLOAD";

    private readonly Lazy<byte[]> _key;
    private readonly TimeProvider _time;

    /// <param name="shared">In cluster mode, the cluster's key (unless one is configured, which then must be the same on every
    /// instance); otherwise the key file below the root.</param>
    public LinkSigner(IOptions<BatonOptions> options, BatonRoot root, TimeProvider time, SharedSigningKey? shared = null)
    {
        _time = time;
        var configured = options.Value.Auth.SigningKey;
        _key = configured.Length > 0 ? new Lazy<byte[]>(Convert.FromBase64String(configured))
            : shared is not null ? new Lazy<byte[]>(() => shared.Key, LazyThreadSafetyMode.PublicationOnly) // a failed load is retried
            : new Lazy<byte[]>(() => SigningKeyFile.LoadOrCreate(root));
    }

    /// <summary>A signer with a key in hand (the CLI's <c>baton sign</c>, which reads the server's key file).</summary>
    public LinkSigner(byte[] key, TimeProvider time)
    {
        _time = time;
        _key = new Lazy<byte[]>(key);
    }

    /// <summary>The query string (without '?') that makes <paramref name="method"/> on <paramref name="path"/> valid until <paramref name="expires"/>.</summary>
    public string Sign(string method, string path, DateTimeOffset expires, long? maxBytes = null)
    {
        var exp = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var max = maxBytes?.ToString(CultureInfo.InvariantCulture);
        var sig = WebEncoders.Base64UrlEncode(Mac(method, path, exp, max));
        return max is null ? $"{ExpiresParameter}={exp}&{SignatureParameter}={sig}" : $"{ExpiresParameter}={exp}&{MaxBytesParameter}={max}&{SignatureParameter}={sig}";
    }

    public LinkCheck Verify(string method, string path, string? exp, string? max, string? sig)
    {
        if (exp is null || sig is null || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return LinkCheck.Invalid;
        }
        byte[] presented;
        try
        {
            presented = WebEncoders.Base64UrlDecode(sig);
        }
        catch (FormatException)
        {
            return LinkCheck.Invalid;
        }
        if (!CryptographicOperations.FixedTimeEquals(presented, Mac(method, path, exp, max)))
        {
            return LinkCheck.Invalid;
        }
        return _time.GetUtcNow().ToUnixTimeSeconds() >= seconds ? LinkCheck.Expired : LinkCheck.Valid;
    }

    private byte[] Mac(string method, string path, string exp, string? max) =>
        HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes($"baton-link-v1\n{method}\n{path}\n{exp}\n{max}"));
}

/// <summary>The verdict on a presented link.</summary>
public enum LinkCheck
{
    Valid,
    Invalid,
    Expired,
}
