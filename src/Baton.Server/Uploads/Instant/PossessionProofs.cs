using System.Buffers;
using Baton.Protocol.Fields;
using Baton.Protocol.Possession;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Protocol.Uploads;
using Baton.Protocol.Uploads.Dialects;
using Baton.Server.Auth;
using Baton.Server.Problems;
using Baton.Server.Uploads.Completion;
using Baton.Server.Uploads.Ietf;
using Baton.Server.Uploads.Tus;
using Baton.Storage;
using Baton.Storage.Files;
using Baton.Storage.Possession;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Instant;

/// <summary>
/// <c>POST /uploads/{id}</c> with <c>Baton-Proof</c> (issue 15 item 3): the answer to the upload's pending challenge. Right, and the
/// declared content is stored → the upload adopts it and completes (the RUFH editor's copy lets the offset exceed what the client
/// sent when the resource "obtained additional representation data on behalf of the client"). Wrong, no challenge, or no such
/// content → exactly what an offset retrieval of the untouched upload answers (204, <c>Upload-Offset: 0</c>): the same status,
/// fields and empty body, so an answer never tells whether the content exists (item 4). The expected answer is computed the same
/// way when the content is absent — over zeros in place of the ranges — so the work differs only by the storage reads
/// (docs/security.md, residual risk). One answer per challenge; answers are rate-limited per caller.
/// </summary>
public sealed class PossessionProofs(
    StoreCapabilities store, ContentLookup lookup, IFileSource files, UploadCompletion completion, IProofChallenges challenges,
    BatonRateLimits limits, IetfResponses ietf)
{
    private const int ReadBuffer = 64 * 1024;

    /// <summary>Whether <paramref name="request"/> answers a challenge (a POST carrying <c>Baton-Proof</c>).</summary>
    public static bool IsAnswer(HttpRequest request, string method) =>
        HttpMethods.IsPost(method) && request.Headers.ContainsKey(BatonFieldNames.Proof);

    /// <param name="found">The upload as the dispatcher found it (and checked the caller may use it): not looked up again.</param>
    /// <returns>The problem to answer with, or null once the response is set.</returns>
    public async Task<ProtocolError?> HandleAsync(HttpContext context, UploadLookup found)
    {
        var request = context.Request;
        // Answered in the protocol the client names: IETF with Upload-Draft-Interop-Version, tus otherwise.
        RufhDialect? dialect = null;
        if (request.Headers[ResumableUploadHeaders.DraftInteropVersion].ToString() is { Length: > 0 } version)
        {
            if ((dialect = RufhDialects.Resolve(version)) is null)
            {
                context.Response.Headers[ResumableUploadHeaders.SupportedInteropVersions] = RufhDialects.VersionList;
                return ProtocolErrors.InteropVersionUnsupported;
            }
        }
        else
        {
            context.Response.Headers[TusHeaders.Resumable] = TusHeaders.Version;
        }
        if (await limits.ProofAnswers.RefusalAsync(context) is { } limited)
        {
            return limited;
        }
        if (!PossessionProof.TryParse(request.Headers[BatonFieldNames.Proof].ToString(), out var answer))
        {
            return ProtocolErrors.InvalidProof;
        }
        if (found.Info is not { } info)
        {
            return dialect is null ? found.Missing : IetfResponses.Missing(dialect, found);
        }
        if (await challenges.TakeAsync(info.Id, CancellationToken.None) is { } challenge
            && info is { Offset: 0, PlacedPath: null, ExpectedSha256: { } sha256, Length: long length and > 0 })
        {
            info = await VerifyAsync(request, info, challenge, answer, ContentKey.Of(sha256, length));
        }
        context.Response.Headers.CacheControl = "no-store";
        if (dialect is not null)
        {
            ietf.WriteOffset(context, dialect, info);
            return null;
        }
        TusResponses.WriteState(context.Response, info, completion.FileUrl(request, info));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return null;
    }

    private async Task<UploadInfo> VerifyAsync(HttpRequest request, UploadInfo upload, PossessionChallenge challenge, byte[] answer, ContentKey key)
    {
        // Any stored file: a right answer proves the caller holds the bytes, whoever may read the file.
        var content = await lookup.FindAsync(key, _ => true, CancellationToken.None);
        var expected = await ExpectedAnswerAsync(content, challenge);
        if (content is null || expected is null || !PossessionProof.Matches(answer, expected) || store.Adoption is null)
        {
            return upload;
        }
        return await store.Adoption.AdoptAsync(upload.Id, content, CancellationToken.None) is { IsComplete: true } adopted
            ? await completion.CompleteAsync(adopted, request)
            : upload;
    }

    /// <summary>The answer a holder of <paramref name="content"/> gives; for absent content the same hashing over zeros. Null when the
    /// file changed while being read.</summary>
    private async Task<byte[]?> ExpectedAnswerAsync(StoredContent? content, PossessionChallenge challenge)
    {
        using var hmac = challenge.StartAnswer();
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBuffer);
        try
        {
            await using var reader = content is null ? null : await files.OpenAsync(content.Name, CancellationToken.None);
            if (content is not null && (reader is null || reader.Version.ETag.Opaque != content.Version.ETag.Opaque))
            {
                return null;
            }
            foreach (var range in challenge.Ranges)
            {
                for (var at = range.First; at <= range.Last;)
                {
                    var want = (int)Math.Min(buffer.Length, range.Last - at + 1);
                    var read = want;
                    if (reader is null)
                    {
                        buffer.AsSpan(0, want).Clear();
                    }
                    else if ((read = await reader.ReadAsync(at, buffer.AsMemory(0, want), CancellationToken.None)) == 0)
                    {
                        return null;
                    }
                    hmac.AppendData(buffer, 0, read);
                    at += read;
                }
            }
            return hmac.GetHashAndReset();
        }
        catch (FileChangedException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
