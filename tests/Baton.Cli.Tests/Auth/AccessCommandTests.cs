using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Baton.Testing;

namespace Baton.Cli.Tests.Auth;

/// <summary><c>baton token create</c>, <c>baton sign</c>, the loopback-only default and HTTPS, each through the real CLI.</summary>
public sealed partial class AccessCommandTests : IDisposable
{
    private readonly TempDirectory _work = new("baton-access-");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _work.Dispose();
    }

    private async Task<(RunningProcess Process, Uri Url)> ServeAsync(params string[] extra)
    {
        var process = BatonCli.Start(["serve", _work.Combine("root"), .. extra], _work.Path);
        var line = await process.WaitForLineAsync(l => l.Contains("Baton is serving", StringComparison.Ordinal));
        return (process, new Uri(ListeningUrl().Match(line).Groups[1].Value.TrimEnd('/') + "/"));
    }

    [Fact]
    public async Task A_created_token_is_required_and_accepted_by_the_server()
    {
        var created = await BatonCli.RunAsync(["token", "create", "alice", "--can", "download,list", "--root", _work.Combine("root")]);
        Assert.Equal(0, created.ExitCode);
        var secret = created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Single(l => l.StartsWith("bt_", StringComparison.Ordinal));
        var keys = File.ReadAllText(_work.Combine("root", ".baton", "keys.json"));
        Assert.DoesNotContain(secret, keys); // only the hash is stored
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), keys);

        var (server, url) = await ServeAsync("--urls", "http://127.0.0.1:0");
        await using (server)
        {
            using var anonymous = await _http.GetAsync(new Uri(url, "api/files"));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "api/files"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            using var authorized = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_permissions_are_a_usage_error()
    {
        var run = await BatonCli.RunAsync(["token", "create", "bob", "--can", "download,fly", "--root", _work.Combine("root")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown permission 'fly'", run.Output);
    }

    [Fact]
    public async Task A_signed_url_downloads_without_a_token_and_resumes_with_range()
    {
        await BatonCli.RunAsync(["token", "create", "admin", "--can", "admin", "--root", _work.Combine("root")]);
        File.WriteAllText(_work.Combine("root", "report.txt"), "0123456789");
        var (server, url) = await ServeAsync("--urls", "http://127.0.0.1:0");
        await using (server)
        {
            var signed = await BatonCli.RunAsync(["sign", new Uri(url, "files/report.txt").ToString(), "--expires", "10m", "--root", _work.Combine("root")]);
            Assert.Equal(0, signed.ExitCode);
            // stderr names the root used; the link is the only line on stdout.
            Assert.Contains($"baton sign: root {_work.Combine("root")}", signed.Output);
            var link = signed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Single(l => l.StartsWith("http", StringComparison.Ordinal));
            Assert.Equal("0123456789", await _http.GetStringAsync(link));
            using var ranged = new HttpRequestMessage(HttpMethod.Get, link);
            ranged.Headers.Range = new RangeHeaderValue(5, null);
            using var partial = await _http.SendAsync(ranged);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal("56789", await partial.Content.ReadAsStringAsync());
            using var unsigned = await _http.GetAsync(new Uri(url, "files/report.txt"));
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }
    }

    [Fact]
    public async Task An_open_server_refuses_a_non_loopback_address_unless_allowed()
    {
        // 192.0.2.0/24 is TEST-NET-1: never assigned here, so even the allowed run cannot bind and nothing is exposed.
        var refused = await BatonCli.RunAsync(["serve", _work.Combine("root"), "--urls", "http://192.0.2.10:0"], TimeSpan.FromMinutes(1), _work.Path);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refusing to listen on http://192.0.2.10:0 with no tokens configured", refused.Output);

        var allowed = await BatonCli.RunAsync(["serve", _work.Combine("root"), "--urls", "http://192.0.2.10:0", "--allow-anonymous"], TimeSpan.FromMinutes(1), _work.Path);
        Assert.NotEqual(0, allowed.ExitCode); // the bind fails…
        Assert.DoesNotContain("refusing", allowed.Output); // …but the policy let it try
    }

    [Fact]
    public async Task Https_with_a_pem_certificate_and_key()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(_work.Combine("cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(_work.Combine("key.pem"), key.ExportPkcs8PrivateKeyPem());
        var (server, url) = await ServeAsync("--urls", "https://127.0.0.1:0", "--cert", _work.Combine("cert.pem"), "--cert-key", _work.Combine("key.pem"));
        await using (server)
        {
            Assert.Equal("https", url.Scheme);
            var thumbprint = certificate.Thumbprint;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == thumbprint,
            };
            using var https = new HttpClient(handler);
            Assert.Equal("ok", await https.GetStringAsync(new Uri(url, "healthz")));
        }
    }

    [Fact]
    public async Task A_missing_certificate_is_one_clear_line()
    {
        var run = await BatonCli.RunAsync(["serve", _work.Combine("root"), "--urls", "https://127.0.0.1:0", "--cert", _work.Combine("nope.pem")],
            TimeSpan.FromMinutes(1), _work.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.pem does not exist", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [GeneratedRegex(@" at (https?://\S+)")]
    private static partial Regex ListeningUrl();
}
