using System.Net;
using System.Net.Http.Headers;
using Baton.Protocol.Uploads;

namespace Baton.Faults.Tests.Uploads;

/// <summary>
/// A minimal IETF Resumable Uploads client (interop version 8, draft -11 §4): create with an empty body, then append the rest;
/// after any failure ask the server for its offset (HEAD) and append from there. <paramref name="beforeRetry"/> lets the trial
/// hold retries until a restarted server is up, instead of sleeping.
/// </summary>
public sealed class IetfUploader(HttpClient http, Uri endpoint, byte[] content, string name, Func<Task> beforeRetry, Action<string> log)
{
    private const string InteropVersion = "8";

    public Uri? Upload { get; private set; }

    public async Task UploadAsync(int attempts)
    {
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                Upload ??= await CreateAsync();
                var (offset, complete) = await OffsetAsync();
                if (complete)
                {
                    return;
                }
                using var append = Request(HttpMethod.Patch, Upload);
                append.Headers.TryAddWithoutValidation(ResumableUploadHeaders.UploadOffset, offset.ToString());
                append.Headers.TryAddWithoutValidation(ResumableUploadHeaders.UploadComplete, ResumableUploadHeaders.FormatBoolean(true));
                append.Content = new ByteArrayContent(content, (int)offset, content.Length - (int)offset);
                append.Content.Headers.ContentType = new MediaTypeHeaderValue(ResumableUploadHeaders.PartialUpload);
                using var response = await http.SendAsync(append);
                log($"ietf: PATCH from {offset} → {(int)response.StatusCode}");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                Assert.True(response.StatusCode == HttpStatusCode.Conflict || (int)response.StatusCode >= 500,
                    $"PATCH answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                log($"ietf: attempt {attempt}: {e.GetType().Name}: {e.Message}");
                await beforeRetry();
            }
        }
        throw new Xunit.Sdk.XunitException($"the IETF upload did not complete in {attempts} attempts");
    }

    private async Task<Uri> CreateAsync()
    {
        using var create = Request(HttpMethod.Post, endpoint);
        create.Headers.TryAddWithoutValidation(ResumableUploadHeaders.UploadComplete, ResumableUploadHeaders.FormatBoolean(false));
        create.Headers.TryAddWithoutValidation(ResumableUploadHeaders.UploadLength, content.Length.ToString());
        create.Content = new ByteArrayContent([]);
        create.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = name };
        using var response = await http.SendAsync(create);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creation answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = new Uri(endpoint, response.Headers.Location!);
        log($"ietf: created {location.AbsolutePath}");
        return location;
    }

    private async Task<(long Offset, bool Complete)> OffsetAsync()
    {
        using var head = Request(HttpMethod.Head, Upload!);
        using var response = await http.SendAsync(head);
        Assert.True(response.IsSuccessStatusCode, $"HEAD {Upload} answered {(int)response.StatusCode}");
        var offset = long.Parse(response.Headers.GetValues(ResumableUploadHeaders.UploadOffset).Single());
        ResumableUploadHeaders.TryParseBoolean(response.Headers.GetValues(ResumableUploadHeaders.UploadComplete).SingleOrDefault(), out var complete);
        return (offset, complete);
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(ResumableUploadHeaders.DraftInteropVersion, InteropVersion);
        return request;
    }
}
