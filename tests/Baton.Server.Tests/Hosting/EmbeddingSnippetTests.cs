using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Baton.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Baton.Server.Tests.Hosting;

/// <summary>
/// Issue 11 item 8: the README's embedding snippet, copied as written into a fresh <c>dotnet new web</c> app that references Baton.Server,
/// builds, runs and answers — with JWT configured, so a consumer's IdentityModel packages must resolve consistently (they were
/// 8.0.1 beside 8.16.0, and every request was a 500).
/// </summary>
[Trait("Speed", "Slow")]
public sealed partial class EmbeddingSnippetTests : IDisposable
{
    private readonly TempDirectory _app = new("baton-embed-");

    [Fact]
    public async Task The_readme_snippet_builds_runs_and_serves_a_jwt_authenticated_request_at_the_root_and_under_a_prefix()
    {
        var repo = BatonCli.RepositoryRoot;
        var readme = await File.ReadAllTextAsync(Path.Combine(repo, "README.md"));
        var snippet = Snippet().Match(readme);
        Assert.True(snippet.Success, "README.md has no ```csharp block between <!-- embedding-snippet --> markers");
        // A fresh app from the SDK's own template, outside the repository (so none of its Directory.*.props apply), exactly as a
        // reader would start; then the reference and the snippet as the whole Program.cs.
        var create = await RunningProcess.RunAsync("dotnet", ["new", "web", "-o", _app.Path, "-n", "EmbeddingApp", "--force"], TimeSpan.FromMinutes(3), _app.Path);
        Assert.True(create.ExitCode == 0, create.Output);
        var reference = await RunningProcess.RunAsync("dotnet",
            ["add", _app.Combine("EmbeddingApp.csproj"), "reference", Path.Combine(repo, "src", "Baton.Server", "Baton.Server.csproj")], TimeSpan.FromMinutes(3), _app.Path);
        Assert.True(reference.ExitCode == 0, reference.Output);
        await File.WriteAllTextAsync(_app.Combine("Program.cs"), snippet.Groups[1].Value);
        var build = await RunningProcess.RunAsync("dotnet", ["build", _app.Path, "-c", "Debug", "-nologo", "-v", "q"], TimeSpan.FromMinutes(8), _app.Path);
        Assert.True(build.ExitCode == 0, build.Output);

        var key = RandomNumberGenerator.GetBytes(32);
        var root = _app.Combine("served");
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "f.txt"), "embedded");
        await AssertServesAsync(key, root, pathBase: "");
        // The README's way to mount under a prefix: "Baton": { "PathBase": "/transfer" } (here as an environment variable).
        await AssertServesAsync(key, root, pathBase: "/transfer");
    }

    /// <summary>Runs the built app and checks health, a 401 without a token and the file with a JWT, all under <paramref name="pathBase"/>.</summary>
    private async Task AssertServesAsync(byte[] key, string root, string pathBase)
    {
        var port = FreePort.Next();
        await using var app = RunningProcess.Start("dotnet", [_app.Combine("bin", "Debug", "net10.0", "EmbeddingApp.dll")], _app.Path,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["Baton__Root"] = root,
                ["Baton__PathBase"] = pathBase,
                ["Baton__Auth__Jwt__SigningKey"] = Convert.ToBase64String(key),
                ["Baton__Auth__Jwt__Issuer"] = "https://idp.test",
                ["Baton__Auth__Jwt__Audience"] = "baton",
            });
        await app.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}{pathBase}/") };

        using var health = await http.GetAsync("healthz");
        using var anonymous = await http.GetAsync("files/f.txt");
        using var request = new HttpRequestMessage(HttpMethod.Get, "files/f.txt");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Jwt(key));
        using var authorized = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.True(authorized.StatusCode == HttpStatusCode.OK, $"{(int)authorized.StatusCode}: {app.Output}");
        Assert.Equal("embedded", await authorized.Content.ReadAsStringAsync());
        if (pathBase.Length > 0)
        {
            using var outside = await http.GetAsync($"http://127.0.0.1:{port}/healthz");
            Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        }
    }

    private static string Jwt(byte[] key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", "carol"), new Claim("baton", "download")]),
        Issuer = "https://idp.test",
        Audience = "baton",
        NotBefore = DateTime.UtcNow.AddMinutes(-10),
        Expires = DateTime.UtcNow.AddMinutes(10),
        IssuedAt = DateTime.UtcNow.AddMinutes(-10),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
    });

    [GeneratedRegex(@"<!-- embedding-snippet -->\s*```csharp\n(.*?)```\s*<!-- embedding-snippet -->", RegexOptions.Singleline)]
    private static partial Regex Snippet();

    public void Dispose() => _app.Dispose();
}
