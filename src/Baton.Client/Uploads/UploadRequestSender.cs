using Baton.Client.Downloads;
using Baton.Protocol.Fields;

namespace Baton.Client.Uploads;

/// <summary>
/// What every upload request shares, whatever its protocol: a stall deadline that each sent buffer pushes back (no progress for
/// <paramref name="stallTimeout"/> becomes a retryable <see cref="TimeoutException"/>), and the finished file's download URL
/// picked up from any response (Baton's <c>Baton-File-Url</c>, docs/uploads.md; other servers may use <c>Content-Location</c>).
/// </summary>
internal sealed class UploadRequestSender(HttpClient http, TimeSpan stallTimeout)
{
    public TimeSpan StallTimeout => stallTimeout;

    /// <summary>The download URL a server gave for the uploaded file, if any.</summary>
    public Uri? FileLocation { get; private set; }

    /// <summary>A token that is cancelled after <see cref="StallTimeout"/> unless pushed back with <c>CancelAfter</c>.</summary>
    public CancellationTokenSource Stall(CancellationToken cancellationToken)
    {
        var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(stallTimeout);
        return stall;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationTokenSource stall, CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.SendAsync(request, stall.Token);
            var location = RemoteProbe.HeaderValue(response, BatonFieldNames.FileUrl) ?? response.Content.Headers.ContentLocation?.OriginalString;
            if (location is not null && Uri.TryCreate(request.RequestUri!, location, out var fileUrl))
            {
                FileLocation = fileUrl;
            }
            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no progress for {stallTimeout.TotalSeconds:0} s");
        }
    }
}
