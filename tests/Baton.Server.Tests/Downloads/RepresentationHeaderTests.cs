using Baton.Testing;
using System.Net;

namespace Baton.Server.Tests.Downloads;

/// <summary>Repr-Digest (RFC 9530), Content-Type / Content-Disposition (RFC 6266, RFC 8187) and active-content handling.</summary>
public class RepresentationHeaderTests : DownloadTestBase
{
    protected override void Configure(BatonOptions options) => options.Downloads.InlineDigestLimit = 64 * 1024;

    [Fact]
    public async Task Repr_digest_is_the_sha256_of_the_whole_file_on_200_and_206()
    {
        var data = Put("d.bin", 20_000);
        using var full = await Client.SendAsync(Get("files/d.bin"));
        using var part = await Client.SendAsync(Get("files/d.bin", ("Range", "bytes=5-9")));
        var expected = $"sha-256=:{Sha256Base64(data)}:";
        Assert.Equal(expected, full.Headers.GetValues("Repr-Digest").Single());
        Assert.Equal(expected, part.Headers.GetValues("Repr-Digest").Single());
    }

    [Theory]
    [InlineData("sha-512=10", false)]     // only an algorithm Baton does not keep
    [InlineData("sha-256=0", false)]      // 0 = not acceptable (RFC 9530 §4)
    [InlineData("sha-256=3, sha-512=10", true)]
    [InlineData("not a dictionary ((", true)] // invalid field: treated as absent
    public async Task Want_repr_digest_is_honoured(string want, bool sent)
    {
        Put("d.bin", 100);
        using var response = await Client.SendAsync(Get("files/d.bin", ("Want-Repr-Digest", want)));
        Assert.Equal(sent, response.Headers.Contains("Repr-Digest"));
    }

    [Fact]
    public async Task A_large_file_is_hashed_in_the_background_and_then_carries_its_digest()
    {
        var data = Put("large.bin", 3 * 1024 * 1024);
        using (var first = await Client.SendAsync(Request(HttpMethod.Head, "files/large.bin")))
        {
            Assert.False(first.Headers.Contains("Repr-Digest")); // never computed on the request path of a large file
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? digest = null;
        while (digest is null && DateTime.UtcNow < deadline)
        {
            using var response = await Client.SendAsync(Request(HttpMethod.Head, "files/large.bin"));
            digest = response.Headers.TryGetValues("Repr-Digest", out var values) ? values.Single() : null;
            if (digest is null)
            {
                await Task.Delay(50); // polling with a deadline: the worker has no public completion signal
            }
        }
        Assert.Equal($"sha-256=:{Sha256Base64(data)}:", digest);
        // and on disk it survives a restart: the digest is persisted in .baton/digests (S3 keeps digests of files it did not
        // place in memory: adding metadata would rewrite the object and change its validators)
        if (TestStorage.IsDisk)
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(Server.Root.Path, ".baton", "digests")));
        }
    }

    [Theory]
    [InlineData("report.pdf", "application/pdf", "attachment")]
    [InlineData("page.html", "text/html", "attachment")]
    [InlineData("image.svg", "image/svg+xml", "attachment")]
    [InlineData("script.js", "text/javascript", "attachment")]
    [InlineData("photo.jpg", "image/jpeg", "inline")]
    [InlineData("notes.txt", "text/plain", "inline")]
    [InlineData("blob.unknownext", "application/octet-stream", "attachment")]
    public async Task Content_type_comes_from_the_extension_and_active_content_is_an_attachment(string name, string type, string disposition)
    {
        Put(name, 50);
        using var response = await Client.SendAsync(Get("files/" + name));
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(disposition, response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("中文 文件.txt")]
    [InlineData("naïve \"quoted\" 100%.bin")]
    [InlineData("😀 emoji.png")]
    public async Task Non_ascii_names_survive_in_filename_star(string name)
    {
        var data = Put(name, 64);
        using var response = await Client.SendAsync(Get("files/" + Uri.EscapeDataString(name)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal(name, disposition.FileNameStar); // RFC 8187 decoded by HttpClient
        Assert.True(disposition.FileName!.Trim('"').All(c => c < 0x7f)); // the fallback is plain ASCII
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
    }
}
