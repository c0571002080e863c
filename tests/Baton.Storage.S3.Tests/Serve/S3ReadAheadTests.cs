using System.Net;
using System.Net.Http.Headers;
using Amazon.S3.Model;
using Baton.Storage.Hosting;
using Baton.Storage.S3.Hosting;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Storage.S3.Tests.Serve;

/// <summary>
/// A download from S3 costs one engine request, not two (issue 12's ranges goal): the GET that fetches the bytes also tells the
/// version. Counted at a relay in front of RGW; the bytes, validators and a replacement between requests stay right.
/// </summary>
[Collection(RgwFixture.Collection)]
public sealed class S3ReadAheadTests(RgwFixture rgw)
{
    [Fact]
    public async Task Each_range_and_whole_download_is_one_get_and_no_head_and_a_replacement_is_seen()
    {
        await using var relay = new TcpRelay(new Uri(rgw.Engine.Endpoint));
        var options = rgw.Engine.Options();
        await using var server = await S3BatonServer.StartAsync(options, adjust: o => o.ServiceUrl = relay.Url.ToString());
        var content = new byte[3 * 1024 * 1024 + 17];
        new Random(9).NextBytes(content);
        using var s3 = new S3Connection(options);
        await TusUpload.UploadAsync(server.Client, content, "big.bin"); // with its SHA-256 in metadata: no background hashing
        var random = new Random(4);
        relay.ResetCounts();

        for (var i = 0; i < 10; i++)
        {
            var first = random.Next(content.Length - 1000);
            using var request = new HttpRequestMessage(HttpMethod.Get, "files/big.bin");
            request.Headers.Range = new RangeHeaderValue(first, first + 999);
            using var part = await server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal(content[first..(first + 1000)], await part.Content.ReadAsByteArrayAsync());
            Assert.Equal($"bytes {first}-{first + 999}/{content.Length}", part.Content.Headers.ContentRange!.ToString());
        }
        using (var whole = await server.Client.GetAsync("files/big.bin"))
        {
            Assert.Equal(content, await whole.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal((11, 0), relay.Requests);

        // Replaced behind Baton's back: the next answer describes and carries the new object; an If-Range naming the old
        // version gets the whole new representation (RFC 9110 §13.1.5), never a splice.
        using var before = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "files/big.bin"));
        var replacement = new byte[2000];
        new Random(10).NextBytes(replacement);
        await PutAsync(s3, options.Prefix + "big.bin", replacement);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "files/big.bin");
        stale.Headers.Range = new RangeHeaderValue(100, 199);
        stale.Headers.IfRange = new RangeConditionHeaderValue(before.Headers.ETag!);
        using var fresh = await server.Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(before.Headers.ETag, fresh.Headers.ETag);
        Assert.Equal(replacement, await fresh.Content.ReadAsByteArrayAsync());
        using var past = new HttpRequestMessage(HttpMethod.Get, "files/big.bin");
        past.Headers.Range = new RangeHeaderValue(5000, null);
        using var unsatisfiable = await server.Client.SendAsync(past);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal("bytes */2000", unsatisfiable.Content.Headers.ContentRange?.ToString());
    }

    private static Task PutAsync(S3Connection s3, string key, byte[] content) =>
        s3.CallAsync("seed", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = s3.Bucket,
            Key = key,
            InputStream = new MemoryStream(content),
        }), CancellationToken.None);
}
