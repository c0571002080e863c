using System.Net;
using System.Net.Http.Headers;
using Baton.Storage.Hosting;
using Baton.Storage.S3.Hosting;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Storage.S3.Tests.Serve;

/// <summary>
/// <c>Downloads:RedirectToStorage</c> (issue 12): a file GET answers 307 to a presigned RGW URL that serves the bytes — ranges
/// included, under the file's name — while access, preconditions and HEAD stay with Baton.
/// </summary>
[Collection(RgwFixture.Collection)]
public sealed class RedirectToStorageTests(RgwFixture rgw)
{
    private const string Token = "bt_redirect_reader_0123456789";

    private Task<BatonTestServer> StartAsync(bool withToken = false) =>
        S3BatonServer.StartAsync(rgw.Engine.Options(), o =>
        {
            o.Downloads.RedirectToStorage = true;
            if (withToken)
            {
                o.Auth.Tokens = [new Baton.Server.Auth.TokenEntry
                {
                    Name = "all", Sha256 = Baton.Server.Auth.TokenStore.Hash(Token), Permissions = [Baton.Server.Auth.BatonPermissions.Admin],
                }];
            }
        });

    [Fact]
    public async Task A_get_is_a_307_to_a_presigned_url_that_serves_ranges_under_the_files_name()
    {
        await using var server = await StartAsync();
        var content = new byte[300_000];
        new Random(5).NextBytes(content);
        await TusUpload.UploadAsync(server.Client, content, "report 1.bin");
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        using var redirect = await noRedirects.GetAsync("files/report%201.bin");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.True(redirect.Headers.CacheControl?.NoStore);
        var location = redirect.Headers.Location!;
        Assert.StartsWith(rgw.Engine.Endpoint, location.AbsoluteUri);
        using var direct = new HttpRequestMessage(HttpMethod.Get, location);
        direct.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var part = await noRedirects.SendAsync(direct);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(content[1000..2000], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal("report 1.bin", part.Content.Headers.ContentDisposition?.FileNameStar ?? part.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        // A real peer following the redirect with its Range header: curl -L.
        using var work = new TempDirectory();
        var output = work.Combine("part.bin");
        var curl = await RunningProcess.RunAsync("curl",
            ["-sS", "-f", "-L", "-r", "100-299", "-o", output, server.Url("files/report%201.bin").AbsoluteUri], TimeSpan.FromSeconds(30));
        Assert.True(curl.ExitCode == 0, curl.Output);
        Assert.Equal(content[100..300], await File.ReadAllBytesAsync(output));
    }

    [Fact]
    public async Task Head_preconditions_and_access_stay_with_baton()
    {
        await using var server = await StartAsync(withToken: true);
        server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        await TusUpload.UploadAsync(server.Client, "hello"u8.ToArray(), "h.txt");
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        using var anonymous = await noRedirects.GetAsync("files/h.txt");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode); // never a redirect before access is checked
        noRedirects.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var head = await noRedirects.SendAsync(new HttpRequestMessage(HttpMethod.Head, "files/h.txt"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Null(head.Headers.Location);
        Assert.True(head.Headers.Contains("Repr-Digest"));
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "files/h.txt");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", head.Headers.ETag!.ToString());
        using var notModified = await noRedirects.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        using var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, "files/h.txt");
        unsatisfiable.Headers.TryAddWithoutValidation("Range", "bytes=100-");
        using var refused = await noRedirects.SendAsync(unsatisfiable);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, refused.StatusCode);
    }
}
