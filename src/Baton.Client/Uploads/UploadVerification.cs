using Baton.Client.Requests;
using Baton.Client.Downloads;
using Baton.Client.Transfers;
using Baton.Protocol.Digests;
using Polly;

namespace Baton.Client.Uploads;

/// <summary>
/// End-to-end check of a finished upload: the local file's SHA-256 against the stored file's <c>Repr-Digest</c> (RFC 9530 §3),
/// asked for with <c>Want-Repr-Digest: sha-256=10</c> (§4) from the URL the server named (Baton-File-Url), as Baton promises with
/// <c>Baton-File-Digest: sha-256</c> (docs/uploads.md). This covers every byte, including those sent by an earlier, killed run.
/// </summary>
internal static class UploadVerification
{
    /// <summary>
    /// True when the digests match. False (with a notice) when there is nothing to ask (no file URL) or we may not read the file
    /// (401/403). Anything else breaks the server's promise and throws <see cref="TransferFailure.VerificationFailed"/>: a
    /// mismatch, no sha-256 Repr-Digest (Baton records it at completion, so its absence means the file changed since), or a file
    /// that is gone.
    /// </summary>
    public static async Task<bool> VerifyAsync(HttpClient http, ResiliencePipeline pipeline, UploadDigest digest, long size, Uri? fileUrl,
        Action<string>? notice, CancellationToken cancellationToken)
    {
        var local = await digest.FinishAsync(size, cancellationToken);
        if (fileUrl is null)
        {
            notice?.Invoke("the server named no file URL (Baton-File-Url); the upload is not verified end to end");
            return false;
        }
        byte[]? stored;
        try
        {
            stored = await RetryPolicy.RunAsync(pipeline, t => StoredSha256Async(http, fileUrl, t), fileUrl, cancellationToken);
        }
        catch (TransferException e) when (e.StatusCode is 401 or 403)
        {
            notice?.Invoke($"{e.Message}; the upload is not verified end to end");
            return false;
        }
        catch (TransferException e) when (e.Failure is TransferFailure.NotFound or TransferFailure.HttpError)
        {
            throw new TransferException(TransferFailure.VerificationFailed, $"{e.Message} when asked for the stored file's sha-256");
        }
        if (stored is null)
        {
            throw new TransferException(TransferFailure.VerificationFailed,
                $"{fileUrl} answered no sha-256 Repr-Digest although the server offers Baton-File-Digest; the stored file may have changed");
        }
        if (!stored.AsSpan().SequenceEqual(local))
        {
            throw new TransferException(TransferFailure.VerificationFailed,
                $"{fileUrl}: stored file's sha-256 {Convert.ToHexStringLower(stored)} differs from the local file's {Convert.ToHexStringLower(local)}");
        }
        return true;
    }

    private static async Task<byte[]?> StoredSha256Async(HttpClient http, Uri fileUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, fileUrl);
        request.Headers.TryAddWithoutValidation(WantDigest.HeaderName, DigestValue.Sha256 + "=10");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await RemoteProbe.StatusFailureAsync(fileUrl, response, cancellationToken);
        }
        return ReprDigest.TryParse(RemoteProbe.HeaderValue(response, ReprDigest.HeaderName), out var values)
            ? values.FirstOrDefault(v => v.Algorithm == DigestValue.Sha256)?.Value
            : null;
    }
}
