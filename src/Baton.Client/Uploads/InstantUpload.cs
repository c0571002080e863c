using Baton.Client.Requests;
using Baton.Protocol.Digests;
using Baton.Protocol.Tus;
using Polly;

namespace Baton.Client.Uploads;

/// <summary>
/// Digest-first creation (issue 15, docs/client.md §Instant upload): the upload is created with the whole file's
/// <c>Repr-Digest</c> (RFC 9530) and no content. A server that already holds that content for this caller completes it at once
/// (offset = length, nothing to send); one that holds it elsewhere may first ask for a proof of possession, answered once.
/// Otherwise the creation is an ordinary one and the bytes follow as usual (the server checks them against the digest).
/// </summary>
internal static class InstantUpload
{
    /// <summary>The upload created, and how much of it the server holds (the length when nothing is left to send).</summary>
    public sealed record Outcome(Uri UploadUrl, long Offset);

    public static async Task<Outcome> CreateAsync(IUploadRequests requests, ResiliencePipeline pipeline, Uri endpoint, string filePath,
        long size, byte[] sha256, UploadMetadata metadata, CancellationToken cancellationToken)
    {
        var digest = ReprDigest.Format(DigestValue.Sha256, sha256);
        var created = await RetryPolicy.RunAsync(pipeline,
            t => requests.CreateWithDigestAsync(endpoint, size, metadata, digest, t), endpoint, cancellationToken);
        if (created.Offset == size || PossessionAnswer.Parse(created.Challenge, size) is not { } challenge)
        {
            return new Outcome(created.Url, created.Offset);
        }
        var proof = await PossessionAnswer.ComputeAsync(challenge, filePath, cancellationToken);
        long offset;
        try
        {
            // At most one answer: a lost response is not answered again; the server's offset says whether it was accepted.
            offset = await requests.ProveAsync(created.Url, proof, cancellationToken);
        }
        catch (Exception e) when (RetryPolicy.IsTransient(e))
        {
            offset = await RetryPolicy.RunAsync(pipeline, t => requests.HeadOffsetAsync(created.Url, size, t), created.Url, cancellationToken) ?? 0;
        }
        return new Outcome(created.Url, offset == size ? size : 0);
    }
}
