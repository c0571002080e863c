using Baton.Protocol.Archives;
using Baton.Protocol.Disposition;
using Baton.Protocol.Downloads;
using Baton.Protocol.Paths;
using Baton.Protocol.Preconditions;
using Baton.Protocol.Problems;
using Baton.Protocol.Ranges;
using Baton.Protocol.Validators;
using Baton.Server.Files;
using Baton.Server.Problems;
using Baton.Storage.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Baton.Server.Downloads.Archives;

/// <summary>
/// <c>GET|HEAD /files/{folder}/?format=zip</c>: the folder as one deterministic STORE/ZIP64 archive (docs/downloads.md). The
/// entries are planned first (<see cref="ZipPlan"/>: length and strong ETag before a byte is read), <see cref="DownloadPlanner"/>
/// decides status and range exactly as for a file, then <see cref="ZipWriter"/> streams the range with pooled buffers. One
/// range per request: several ranges are answered 416 (an archive is resumed, not sampled).
/// </summary>
public sealed partial class FolderArchiveDownload(
    StoredFiles files, FolderEntries entries, IFileSource source, ArchiveCrcs crcs, DownloadBuffers buffers,
    ILogger<FolderArchiveDownload> logger)
{
    /// <summary>The query that asks for a folder's archive.</summary>
    public const string FormatParameter = "format";

    public const string ZipFormat = "zip";

    public static bool IsRequested(HttpRequest request) =>
        string.Equals(request.Query[FormatParameter].ToString(), ZipFormat, StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(HttpContext context, string? path)
    {
        var cancellation = context.RequestAborted;
        switch (files.Resolve(path, out var folder))
        {
            case PathCheck.Invalid:
                await ProblemResponder.WriteAsync(context, ProtocolErrors.InvalidPath);
                return;
            case PathCheck.Hidden:
                await ProblemResponder.WriteAsync(context, ProtocolErrors.NotFound);
                return;
        }
        if (await entries.CollectAsync(folder, cancellation) is not { } collected)
        {
            await ProblemResponder.WriteAsync(context, ProtocolErrors.NotFound.WithDetail("There is no folder at this address."));
            return;
        }
        var plan = ZipPlan.Create(collected);
        var request = context.Request;
        var response = context.Response;
        var lastModified = plan.LastModified ?? DateTimeOffset.UnixEpoch;
        var decision = DownloadPlanner.Decide(request.Method, DownloadHandler.Joined(request.Headers.Range),
            DownloadHandler.Conditions(request.Headers), new RepresentationValidators(plan.ETag, lastModified), plan.Length, maxRanges: 1);

        if (await DecisionPreamble.AnswerAsync(context, decision, plan.ETag, lastModified, plan.Length, "archive",
                "A folder's archive is sent one range at a time."))
        {
            return;
        }
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = ContentDisposition.Attachment((folder.IsRoot ? "files" : folder.Name) + ".zip");
        response.ContentType = "application/zip";
        var (offset, count) = decision.Outcome == DownloadOutcome.SinglePart
            ? (decision.Range.First, decision.Range.Length)
            : (0L, plan.Length);
        if (decision.Outcome == DownloadOutcome.SinglePart)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            headers.ContentRange = decision.Range.ToContentRange(plan.Length).ToString();
        }
        response.ContentLength = count;
        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }
        using var buffer = buffers.Enter();
        var content = new SourceZipContent(source, folder, crcs, buffer.BatchSize);
        try
        {
            await ZipWriter.WriteAsync(plan, offset, count, content, response.Body, cancellation);
        }
        catch (Exception e) when (e is FileChangedException or InvalidOperationException && !cancellation.IsCancellationRequested)
        {
            // The promised bytes cannot be sent: a cut connection is the only honest signal (the ETag changes on retry).
            LogArchiveChanged(logger, folder.ToString(), e.Message);
            context.Abort();
        }
    }

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "The archive of '{Folder}' was cut: {Reason}")]
    private static partial void LogArchiveChanged(ILogger logger, string folder, string reason);
}
