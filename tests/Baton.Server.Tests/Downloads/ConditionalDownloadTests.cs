using Baton.Testing;
using System.Net;

namespace Baton.Server.Tests.Downloads;

/// <summary>Conditional requests over real Kestrel: RFC 9110 §13.1, §13.2.2, §15.4.5 (304), §15.5.13 (412).</summary>
public class ConditionalDownloadTests : DownloadTestBase
{
    private async Task<(string ETag, string LastModified)> ValidatorsOf(string url)
    {
        using var response = await Client.SendAsync(Request(HttpMethod.Head, url));
        return (response.Headers.ETag!.ToString(), response.Content.Headers.GetValues("Last-Modified").Single());
    }

    [Fact]
    public async Task If_none_match_with_the_current_tag_is_304_with_the_etag()
    {
        Put("c.bin", 1000);
        var (etag, _) = await ValidatorsOf("files/c.bin");
        using var response = await Client.SendAsync(Get("files/c.bin", ("If-None-Match", etag), ("Range", "bytes=0-1")));
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag!.ToString());
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task If_modified_since_last_modified_is_304_and_an_older_date_is_200()
    {
        Put("c.bin", 1000);
        var (_, lastModified) = await ValidatorsOf("files/c.bin");
        using var same = await Client.SendAsync(Get("files/c.bin", ("If-Modified-Since", lastModified)));
        using var older = await Client.SendAsync(Get("files/c.bin", ("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")));
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
    }

    [Fact]
    public async Task If_match_mismatch_is_412_problem_even_with_an_unsatisfiable_range()
    {
        Put("c.bin", 1000);
        using var response = await Client.SendAsync(Get("files/c.bin", ("If-Match", "\"someone-else\""), ("Range", "bytes=5000-")));
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("urn:baton:problem:precondition-failed", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task If_match_current_then_range_applies()
    {
        var data = Put("c.bin", 1000);
        var (etag, _) = await ValidatorsOf("files/c.bin");
        using var response = await Client.SendAsync(Get("files/c.bin", ("If-Match", etag), ("Range", "bytes=10-19")));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(data[10..20], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task If_unmodified_since_before_the_change_is_412()
    {
        Put("c.bin", 1000);
        using var response = await Client.SendAsync(Get("files/c.bin", ("If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")));
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task If_range_with_the_current_etag_or_date_is_206()
    {
        var data = Put("c.bin", 1000);
        var (etag, lastModified) = await ValidatorsOf("files/c.bin");
        using var byTag = await Client.SendAsync(Get("files/c.bin", ("If-Range", etag), ("Range", "bytes=500-")));
        using var byDate = await Client.SendAsync(Get("files/c.bin", ("If-Range", lastModified), ("Range", "bytes=500-")));
        Assert.Equal(HttpStatusCode.PartialContent, byTag.StatusCode);
        Assert.Equal(HttpStatusCode.PartialContent, byDate.StatusCode);
        Assert.Equal(data[500..], await byTag.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task If_range_after_the_file_was_replaced_is_a_full_200_of_the_new_file_never_a_splice()
    {
        Put("c.bin", 1000, seed: 1);
        var (oldTag, oldDate) = await ValidatorsOf("files/c.bin");
        var replaced = Put("c.bin", 1000, seed: 2); // same size, same (back-dated) mtime second: only the inode and ns differ
        foreach (var validator in new[] { oldTag, "W/" + oldTag })
        {
            using var response = await Client.SendAsync(Get("files/c.bin", ("If-Range", validator), ("Range", "bytes=500-")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(replaced, await response.Content.ReadAsByteArrayAsync());
        }
        var (newTag, newDate) = await ValidatorsOf("files/c.bin");
        Assert.NotEqual(oldTag, newTag);
        if (TestStorage.IsDisk)
        {
            Assert.Equal(oldDate, newDate); // Last-Modified alone could not have told the versions apart (S3 stamps the upload time)
        }
    }

    [Fact]
    public async Task In_place_rewrite_of_the_same_size_changes_the_etag()
    {
        if (!TestStorage.IsDisk)
        {
            return; // disk validators (inode, nanosecond mtime); an object store never rewrites in place — the conformance suite covers each backend's validators
        }
        var path = Server.Root.WriteRandomFile("w.bin", 1000, seed: 1);
        var stamp = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(path, stamp);
        var (before, _) = await ValidatorsOf("files/w.bin");
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Write(new byte[10]); // same inode, same size
        }
        File.SetLastWriteTimeUtc(path, stamp.AddTicks(1)); // 100 ns later: whole seconds and size alone would not see it
        var (after, _) = await ValidatorsOf("files/w.bin");
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task A_file_modified_just_now_has_a_weak_etag_that_never_satisfies_if_range()
    {
        if (!TestStorage.IsDisk)
        {
            return; // disk validators (inode, nanosecond mtime); an object store never rewrites in place — the conformance suite covers each backend's validators
        }
        var data = Server.Root.WriteRandomFile("fresh.bin", 1000);
        // Dated a little ahead of the server's clock, the file is "modified less than a second ago" however slow the test runs.
        File.SetLastWriteTimeUtc(data, DateTime.UtcNow.AddMinutes(5));
        using var head = await Client.SendAsync(Request(HttpMethod.Head, "files/fresh.bin"));
        var tag = head.Headers.ETag!;
        Assert.True(tag.IsWeak);
        using var response = await Client.SendAsync(Get("files/fresh.bin", ("If-Range", tag.ToString()), ("Range", "bytes=10-")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(File.ReadAllBytes(data), await response.Content.ReadAsByteArrayAsync());
    }
}
