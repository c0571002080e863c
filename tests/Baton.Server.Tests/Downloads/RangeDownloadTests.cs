using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Baton.Server.Tests.Downloads;

/// <summary>Ranged downloads over real Kestrel: RFC 9110 §14 (ranges), §15.3.7 (206), §15.5.17 (416).</summary>
public class RangeDownloadTests : DownloadTestBase
{
    [Fact]
    public async Task Full_get_carries_validators_and_the_exact_bytes()
    {
        var data = Put("a.bin", 300_000);
        using var response = await Client.SendAsync(Get("files/a.bin"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(300_000, response.Content.Headers.ContentLength);
        Assert.Equal(StoredLastModified("a.bin").ToString("R"), response.Content.Headers.LastModified!.Value.ToString("R"));
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("bytes=0-499", 0, 499)]
    [InlineData("bytes=1000-", 1000, 9999)]
    [InlineData("bytes=-300", 9700, 9999)]
    [InlineData("bytes=9990-20000", 9990, 9999)]
    [InlineData("bytes=0-9,10-19", 0, 19)] // adjacent ranges coalesce into one part
    public async Task One_satisfiable_range_is_206_with_content_range(string range, long first, long last)
    {
        var data = Put("r.bin", 10_000);
        using var response = await Client.SendAsync(Get("files/r.bin", ("Range", range)));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/10000", response.Content.Headers.GetValues("Content-Range").Single());
        Assert.Equal(last - first + 1, response.Content.Headers.ContentLength);
        Assert.Equal(data[(int)first..(int)(last + 1)], await response.Content.ReadAsByteArrayAsync());
        // §15.3.7: a 206 carries the validators a 200 would
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Several_ranges_are_multipart_byteranges_in_request_order()
    {
        var data = Put("m.txt", 5_000);
        using var response = await Client.SendAsync(Get("files/m.txt", ("Range", "bytes=4000-4099, 0-9,-5, 1-3")));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var contentType = MediaTypeHeaderValue.Parse(response.Content.Headers.ContentType!.ToString());
        Assert.Equal("multipart/byteranges", contentType.MediaType.Value);
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!;
        Assert.False(response.Content.Headers.Contains("Content-Range")); // only the parts carry it (§14.6)

        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(response.Content.Headers.ContentLength, body.Length);
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var parts = new List<(string Range, string Type, byte[] Bytes)>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var copy = new MemoryStream();
            await section.Body.CopyToAsync(copy);
            parts.Add((section.Headers!["Content-Range"].ToString(), section.ContentType!, copy.ToArray()));
        }
        // 1-3 overlaps 0-9 and is coalesced into it; order follows the request
        Assert.Equal(["bytes 4000-4099/5000", "bytes 0-9/5000", "bytes 4995-4999/5000"], parts.Select(p => p.Range));
        Assert.All(parts, p => Assert.Equal("text/plain", p.Type));
        Assert.Equal(data[4000..4100], parts[0].Bytes);
        Assert.Equal(data[0..10], parts[1].Bytes);
        Assert.Equal(data[4995..5000], parts[2].Bytes);
    }

    [Theory]
    [InlineData("bytes=10000-", "range-not-satisfiable")]
    [InlineData("bytes=20000-30000, 99999-", "range-not-satisfiable")]
    [InlineData("bytes=-0", "range-not-satisfiable")]
    [InlineData("bytes=0-,0-", "range-set-rejected")]           // overlapping ranges asking for more than the file
    [InlineData("bytes=0-6000,4000-9999", "range-set-rejected")]
    public async Task Unsatisfiable_and_abusive_range_sets_are_416_with_problem_json(string range, string problem)
    {
        Put("u.bin", 10_000);
        using var response = await Client.SendAsync(Get("files/u.bin", ("Range", range)));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */10000", response.Content.Headers.GetValues("Content-Range").Single());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("urn:baton:problem:" + problem, json.RootElement.GetProperty("type").GetString());
        Assert.Equal(416, json.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task More_ranges_than_the_limit_are_refused_and_the_limit_is_configurable()
    {
        Put("many.bin", 10_000);
        var sixtyFive = "bytes=" + string.Join(",", Enumerable.Range(0, 65).Select(i => $"{i * 100}-{i * 100 + 1}"));
        var sixtyFour = "bytes=" + string.Join(",", Enumerable.Range(0, 64).Select(i => $"{i * 100}-{i * 100 + 1}"));
        using var refused = await Client.SendAsync(Get("files/many.bin", ("Range", sixtyFive)));
        using var served = await Client.SendAsync(Get("files/many.bin", ("Range", sixtyFour)));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, served.StatusCode);
    }

    [Theory]
    [InlineData("items=0-10")]   // §14.2: unknown unit MUST be ignored
    [InlineData("bytes=10-5")]   // invalid: ignored
    [InlineData("bytes=abc")]
    public async Task Unknown_units_and_invalid_ranges_get_the_full_200(string range)
    {
        var data = Put("i.bin", 1_000);
        using var response = await Client.SendAsync(Get("files/i.bin", ("Range", range)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_has_the_headers_of_get_and_no_body_and_ignores_range()
    {
        Put("h.bin", 4_096);
        using var head = await Client.SendAsync(Request(HttpMethod.Head, "files/h.bin", ("Range", "bytes=0-1")));
        using var get = await Client.SendAsync(Get("files/h.bin"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(4096, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.LastModified, head.Content.Headers.LastModified);
        Assert.Equal(get.Headers.GetValues("Repr-Digest"), head.Headers.GetValues("Repr-Digest"));
    }

    [Fact]
    public async Task An_empty_file_answers_200_to_a_range()
    {
        Put("empty.bin", 0);
        using var response = await Client.SendAsync(Get("files/empty.bin", ("Range", "bytes=0-")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Folders_and_missing_files_are_404_problem_json()
    {
        Put("dir/x.bin", 10);
        foreach (var url in new[] { "files/dir", "files/dir/", "files/nope.bin", "files/" })
        {
            using var response = await Client.SendAsync(Get(url));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Large_file_streams_byte_identical_through_a_range_in_the_middle()
    {
        var data = Put("big.bin", 8 * 1024 * 1024 + 13);
        using var response = await Client.SendAsync(Get("files/big.bin", ("Range", "bytes=1000000-")), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(data[1_000_000..], await response.Content.ReadAsByteArrayAsync());
    }
}
