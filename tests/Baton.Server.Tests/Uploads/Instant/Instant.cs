using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Baton.Protocol.Possession;
using Baton.Server.Tests.Uploads.Ietf;

namespace Baton.Server.Tests.Uploads.Instant;

/// <summary>Raw digest-first requests (issue 15): creations that carry <c>Repr-Digest</c> and no content, and proof answers.</summary>
public static class Instant
{
    public const int Interop = 9;

    public static string Sha256Field(byte[] content) => $"sha-256=:{Convert.ToBase64String(SHA256.HashData(content))}:";

    /// <summary>tus creation without content: <c>Upload-Length</c>, the file name, <c>Repr-Digest</c>.</summary>
    public static HttpRequestMessage Tus(long length, string fileName, string? reprDigest, string? token = null)
    {
        var request = Uploads.Tus.Create(length, fileName);
        if (reprDigest is not null)
        {
            request.Headers.TryAddWithoutValidation("Repr-Digest", reprDigest);
        }
        Authorize(request, token);
        return request;
    }

    /// <summary>IETF creation without content: <c>Upload-Complete: ?0</c>, <c>Upload-Length</c>, the name, <c>Repr-Digest</c>.</summary>
    public static HttpRequestMessage Ietf(long length, string fileName, string? reprDigest, string? token = null)
    {
        var request = Rufh.Request(Interop, HttpMethod.Post, "uploads", complete: false);
        request.Headers.TryAddWithoutValidation("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = fileName };
        if (reprDigest is not null)
        {
            request.Headers.TryAddWithoutValidation("Repr-Digest", reprDigest);
        }
        Authorize(request, token);
        return request;
    }

    /// <summary>The answer to <paramref name="challengeField"/> computed from <paramref name="content"/> (what a holder sends).</summary>
    public static string Answer(string challengeField, byte[] content)
    {
        Assert.True(PossessionChallenge.TryParse(challengeField, out var challenge), challengeField);
        using var hmac = challenge.StartAnswer();
        foreach (var range in challenge.Ranges)
        {
            hmac.AppendData(content, (int)range.First, (int)range.Length);
        }
        return PossessionProof.Format(hmac.GetHashAndReset());
    }

    /// <summary><c>POST</c> of a proof to an upload, in tus (default) or IETF shape.</summary>
    public static HttpRequestMessage Proof(string location, string proof, string? token = null, bool ietf = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, location);
        request.Headers.TryAddWithoutValidation(ietf ? "Upload-Draft-Interop-Version" : "Tus-Resumable",
            ietf ? Interop.ToString(CultureInfo.InvariantCulture) : "1.0.0");
        request.Headers.TryAddWithoutValidation("Baton-Proof", proof);
        Authorize(request, token);
        return request;
    }

    public static HttpRequestMessage Head(string location, string? token = null)
    {
        var request = Uploads.Tus.Head(location);
        Authorize(request, token);
        return request;
    }

    /// <summary>The names of the response's fields that do not vary by themselves (Date and the upload's Location value do).</summary>
    public static string[] FieldNames(HttpResponseMessage response) =>
        response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key))
            .Select(n => n.ToLowerInvariant()).Where(n => n != "date").Order(StringComparer.Ordinal).ToArray();

    public static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void Authorize(HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }
}
