using System.Net;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads;

/// <summary>Hostile and malformed requests: always a clear 4xx with problem+json, never a 500, never a file outside ROOT.</summary>
public sealed class UploadBadInputTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;
    private string _outside = null!;

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync(o => o.Uploads.MaxSize = 1 << 20);
        _outside = Path.GetDirectoryName(_server.Root.Path)!;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string, string[]> Corpus => new()
    {
        { "POST", "uploads", ["Upload-Length: -5"] },
        { "POST", "uploads", ["Upload-Length: 18446744073709551616"] },
        { "POST", "uploads", ["Upload-Length: 1e9"] },
        { "POST", "uploads", ["Upload-Length: 5", "Upload-Length: 6"] },
        { "POST", "uploads", ["Upload-Length: 99999999999"] },
        { "POST", "uploads", ["Upload-Defer-Length: yes"] },
        { "POST", "uploads", ["Upload-Length: 5", "Upload-Metadata: filename *&^"] },
        { "POST", "uploads", ["Upload-Length: 5", "Upload-Metadata: filename Li4vLi4vLi4vZXRjL3Bhc3N3ZA==,filename eA=="] },
        { "POST", "uploads", ["Upload-Length: 5", "Upload-Metadata: ,,,"] },
        { "POST", "uploads", ["Upload-Concat: final;../../../etc/passwd"] },
        { "POST", "uploads", ["Upload-Concat: final;http://other.example/uploads/AAAAAAAAAAAAAAAAAAAAAA"] },
        { "POST", "uploads", ["Upload-Concat: final;/uploads/%2e%2e%2f%2e%2e%2fx"] },
        { "POST", "uploads", ["Upload-Concat: partial", "Upload-Length: -1"] },
        { "HEAD", "uploads/..%2F..%2Fetc%2Fpasswd", [] },
        { "HEAD", "uploads/AAAAAAAAAAAAAAAAAAAAAA", [] },
        { "HEAD", "uploads/%00", [] },
        { "PATCH", "uploads/..%2F..%2Fx", ["Upload-Offset: 0", "Content-Type: application/offset+octet-stream"] },
        { "PATCH", "uploads/AAAAAAAAAAAAAAAAAAAAAA", ["Upload-Offset: 0", "Content-Type: application/offset+octet-stream"] },
        { "DELETE", "uploads/.baton", [] },
        { "GET", "uploads", [] },
        { "PUT", "uploads/AAAAAAAAAAAAAAAAAAAAAA", [] },
        { "POST", "uploads", ["Upload-Complete: maybe", "Tus-Resumable:"] },
        { "POST", "uploads", ["Upload-Complete: ?1", "Upload-Length: 3", "Tus-Resumable:"] },
        { "POST", "uploads", ["Upload-Complete: ?0", "Upload-Length: -3", "Upload-Limit: max-size=1", "Tus-Resumable:"] },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_requests_get_a_4xx_never_a_500_and_nothing_outside_ROOT(string method, string path, string[] headers)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        foreach (var header in headers)
        {
            var (name, value) = (header[..header.IndexOf(':')], header[(header.IndexOf(':') + 1)..].Trim());
            if (name == "Tus-Resumable")
            {
                request.Headers.Remove(name);
                continue;
            }
            if (name == "Content-Type")
            {
                request.Content = new ByteArrayContent("xyz"u8.ToArray());
                request.Content.Headers.TryAddWithoutValidation(name, value);
                continue;
            }
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _server.Client.SendAsync(request);

        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500 || (headers.Contains("Upload-Complete: ?0") && status == 201), $"{status} for {method} {path}");
        Assert.True(status < 500);
        if (status >= 400 && method != "HEAD" && status != 405)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.False(File.Exists(Path.Combine(_outside, "x")));
        Assert.False(File.Exists(Path.Combine(_outside, "passwd")));
        Assert.All(Directory.GetFiles(_server.Root.Path), f => Assert.StartsWith(_server.Root.Path, f));
    }

    [Fact]
    public async Task A_traversal_file_name_never_escapes_ROOT()
    {
        var location = await Tus.CreateAsync(_server.Client, 3, "../../../../../tmp/escaped.txt");
        using var response = await _server.Client.SendAsync(Tus.Patch(location, 0, "abc"u8.ToArray()));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(_server.StoredFileExists("escaped.txt"));
        Assert.False(File.Exists(Path.Combine(_outside, "escaped.txt")));
    }
}
