using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Baton.Server.Tests.Auth;

/// <summary>Uploads under access control: who may create, ownership of HEAD/PATCH/DELETE, foreign partials, max size and quota.</summary>
public sealed class UploadAccessTests : IAsyncLifetime
{
    private readonly AuthTestServer _auth = new();

    public Task InitializeAsync() => _auth.InitializeAsync();

    public Task DisposeAsync() => _auth.DisposeAsync();

    private async Task<HttpResponseMessage> CreateAsync(string? token, long length, string? concat = null, string name = "up.bin")
    {
        using var request = _auth.Request(HttpMethod.Post, "uploads", token);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        if (concat is null || !concat.StartsWith("final", StringComparison.Ordinal))
        {
            request.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        request.Headers.Add("Upload-Metadata", "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes(name)));
        if (concat is not null)
        {
            request.Headers.Add("Upload-Concat", concat);
        }
        return await _auth.Server.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PatchAsync(string? token, Uri location, byte[] data, long offset = 0)
    {
        using var request = _auth.Request(HttpMethod.Patch, location.ToString(), token);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Content = new ByteArrayContent(data);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return await _auth.Server.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? token, Uri location)
    {
        using var request = _auth.Request(method, location.ToString(), token);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return await _auth.Server.Client.SendAsync(request);
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData(AuthTestServer.ReaderToken, 403)]
    [InlineData(AuthTestServer.DeleterToken, 403)]
    [InlineData(AuthTestServer.UploaderToken, 201)]
    [InlineData(AuthTestServer.AdminToken, 201)]
    public async Task Creating_needs_the_upload_permission(string? token, int expected)
    {
        using var response = await CreateAsync(token, 10);
        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Fact]
    public async Task Discovery_options_stay_open_for_preflight_and_clients()
    {
        using var response = await _auth.Server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "uploads"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("creation", response.Headers.GetValues("Tus-Extension").Single());
    }

    [Theory]
    [InlineData(AuthTestServer.UploaderToken, true)]
    [InlineData(AuthTestServer.AdminToken, true)]
    [InlineData(AuthTestServer.OtherUploaderToken, false)]
    public async Task Only_the_owner_or_an_admin_sees_appends_and_ends_an_upload(string token, bool allowed)
    {
        using var created = await CreateAsync(AuthTestServer.UploaderToken, 10);
        var location = created.Headers.Location!;

        using var head = await SendAsync(HttpMethod.Head, token, location);
        using var patch = await PatchAsync(token, location, Encoding.ASCII.GetBytes("01234"));
        Assert.Equal(allowed ? HttpStatusCode.NoContent : HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.NoContent : HttpStatusCode.NotFound, patch.StatusCode);

        using var delete = await SendAsync(HttpMethod.Delete, token, location);
        Assert.Equal(allowed ? HttpStatusCode.NoContent : HttpStatusCode.NotFound, delete.StatusCode);
        using var ownerHead = await SendAsync(HttpMethod.Head, AuthTestServer.UploaderToken, location);
        Assert.Equal(allowed ? HttpStatusCode.Gone : HttpStatusCode.NoContent, ownerHead.StatusCode);
        if (!allowed)
        {
            Assert.Equal("0", ownerHead.Headers.GetValues("Upload-Offset").Single()); // the stranger's PATCH wrote nothing
        }
    }

    [Fact]
    public async Task A_final_upload_cannot_join_someone_elses_partials()
    {
        using var mine = await CreateAsync(AuthTestServer.UploaderToken, 5, "partial");
        using var theirs = await CreateAsync(AuthTestServer.OtherUploaderToken, 5, "partial");
        using var written = await PatchAsync(AuthTestServer.OtherUploaderToken, theirs.Headers.Location!, Encoding.ASCII.GetBytes("THEIR"));
        Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);

        using var stealing = await CreateAsync(AuthTestServer.UploaderToken, 0,
            $"final;{mine.Headers.Location!.OriginalString} {theirs.Headers.Location!.OriginalString}");
        Assert.Equal(HttpStatusCode.BadRequest, stealing.StatusCode);
        using var own = await CreateAsync(AuthTestServer.UploaderToken, 0, $"final;{mine.Headers.Location!.OriginalString}");
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
    }

    [Fact]
    public async Task Max_upload_size_is_413_and_quota_is_507_before_any_byte_is_written()
    {
        using var tooLarge = await CreateAsync(AuthTestServer.QuotaToken, 901);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        using var first = await CreateAsync(AuthTestServer.QuotaToken, 800, name: "first.bin");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var done = await PatchAsync(AuthTestServer.QuotaToken, first.Headers.Location!, new byte[800]);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.True(_auth.Server.StoredFileExists("first.bin"));

        using var over = await CreateAsync(AuthTestServer.QuotaToken, 300, name: "second.bin");
        Assert.Equal((HttpStatusCode)507, over.StatusCode);
        Assert.Contains("urn:baton:problem:quota-exceeded", await over.Content.ReadAsStringAsync());
        using var fits = await CreateAsync(AuthTestServer.QuotaToken, 200, name: "third.bin");
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);

        // deleting a stored file gives its bytes back
        using var delete = await _auth.Server.Client.SendAsync(_auth.Request(HttpMethod.Delete, "files/first.bin", AuthTestServer.AdminToken));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var again = await CreateAsync(AuthTestServer.QuotaToken, 300, name: "second.bin");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }
}
