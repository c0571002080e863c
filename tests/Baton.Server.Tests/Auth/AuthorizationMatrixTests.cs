using System.Net;

namespace Baton.Server.Tests.Auth;

/// <summary>Every caller × every download-side endpoint, each cell asserted (uploads join the matrix with the upload endpoints).</summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private readonly AuthTestServer _auth = new();

    public Task InitializeAsync() => _auth.InitializeAsync();

    public Task DisposeAsync() => _auth.DisposeAsync();

    public static TheoryData<string, string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string, int>();
        // caller → expected status for: GET file, HEAD file, list, create link, DELETE file
        var expectations = new Dictionary<string, int[]>
        {
            ["anonymous"] = [401, 401, 401, 401, 401],
            ["bad-token"] = [401, 401, 401, 401, 401],
            ["reader"] = [200, 200, 200, 201, 403],
            ["uploader"] = [403, 403, 403, 403, 403],
            ["deleter"] = [403, 403, 403, 403, 204],
            ["admin"] = [200, 200, 200, 201, 204],
        };
        string[] endpoints = ["GET /files/a.txt", "HEAD /files/a.txt", "GET /api/files", "POST /api/links", "DELETE /files/b.txt"];
        foreach (var (caller, statuses) in expectations)
        {
            for (var i = 0; i < endpoints.Length; i++)
            {
                var parts = endpoints[i].Split(' ');
                data.Add(caller, parts[0], parts[1], statuses[i]);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_cell(string caller, string method, string url, int expected)
    {
        var token = caller switch
        {
            "reader" => AuthTestServer.ReaderToken,
            "uploader" => AuthTestServer.UploaderToken,
            "deleter" => AuthTestServer.DeleterToken,
            "admin" => AuthTestServer.AdminToken,
            "bad-token" => "bt_not_a_real_token",
            _ => null,
        };
        using var request = _auth.Request(new HttpMethod(method), url.TrimStart('/'), token);
        if (method == "POST")
        {
            request.Content = new StringContent("""{"path":"a.txt","expiresInSeconds":60}""", System.Text.Encoding.UTF8, "application/json");
        }
        using var response = await _auth.Server.Client.SendAsync(request);
        Assert.Equal(expected, (int)response.StatusCode);
        if (expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("content of", await response.Content.ReadAsStringAsync());
        }
        if (expected == 401)
        {
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        if (method == "DELETE")
        {
            Assert.Equal(expected == 204, !_auth.Server.StoredFileExists("b.txt"));
        }
    }

    [Fact]
    public async Task Health_stays_open()
    {
        using var response = await _auth.Server.Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
