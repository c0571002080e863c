using System.Net;
using System.Security.Cryptography;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads;

/// <summary>
/// <c>Baton-File-Digest: sha-256</c> on OPTIONS promises that a completed upload's file answers <c>Want-Repr-Digest</c> with its
/// <c>Repr-Digest</c> right away (docs/uploads.md): the digest recorded at completion, never a background hash that may not be done.
/// </summary>
public sealed class FileDigestTests
{
    private static HttpRequestMessage HeadWantingSha256(string fileUrl)
    {
        var head = new HttpRequestMessage(HttpMethod.Head, fileUrl);
        head.Headers.TryAddWithoutValidation("Want-Repr-Digest", "sha-256=10");
        return head;
    }

    private static string Expected(byte[] content) => "sha-256=:" + Convert.ToBase64String(SHA256.HashData(content)) + ":";

    [Fact]
    public async Task Options_advertise_the_file_digest_and_CORS_exposes_it()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.CorsOrigins = ["https://app.example"]);
        var options = Tus.Request(HttpMethod.Options, "uploads");
        options.Headers.Add("Origin", "https://app.example");

        using var response = await server.Client.SendAsync(options);

        Assert.Equal("sha-256", Tus.Header(response, "Baton-File-Digest"));
        Assert.Contains("Baton-File-Digest", Tus.Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    // InlineDigestLimit 0: the download path never hashes on request, so only the digest recorded at completion can answer.
    public async Task A_file_uploaded_in_chunks_answers_Want_Repr_Digest_right_after_completion()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.Downloads.InlineDigestLimit = 0);
        var content = RandomNumberGenerator.GetBytes(3 << 20);
        var location = await Tus.CreateAsync(server.Client, content.Length, "chunked.bin");
        using (await server.Client.SendAsync(Tus.Patch(location, 0, content[..(1 << 20)]))) { }
        using var last = await server.Client.SendAsync(Tus.Patch(location, 1 << 20, content[(1 << 20)..]));
        var fileUrl = Tus.Header(last, "Baton-File-Url")!;

        using var head = await server.Client.SendAsync(HeadWantingSha256(fileUrl));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(Expected(content), Tus.Header(head, "Repr-Digest"));
    }

    [Fact]
    public async Task A_concatenated_file_answers_Want_Repr_Digest_right_after_completion()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.Downloads.InlineDigestLimit = 0);
        var content = RandomNumberGenerator.GetBytes((2 << 20) + 7);
        var half = content.Length / 2;
        var first = await Tus.CreateAsync(server.Client, half, null, ("Upload-Concat", "partial"));
        var second = await Tus.CreateAsync(server.Client, content.Length - half, null, ("Upload-Concat", "partial"));
        using (await server.Client.SendAsync(Tus.Patch(second, 0, content[half..]))) { }
        using (await server.Client.SendAsync(Tus.Patch(first, 0, content[..half]))) { }
        var root = server.BaseAddress.AbsoluteUri.TrimEnd('/');
        using var final = await server.Client.SendAsync(Tus.Create(null, "joined.bin",
            ("Upload-Concat", $"final;{root}{first} {root}{second}")));
        var fileUrl = Tus.Header(final, "Baton-File-Url")!;

        using var head = await server.Client.SendAsync(HeadWantingSha256(fileUrl));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(Expected(content), Tus.Header(head, "Repr-Digest"));
    }
}
