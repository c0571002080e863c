using System.Net;
using System.Text.RegularExpressions;
using Baton.Cli.Serve;
using Baton.Testing;

namespace Baton.Cli.Tests.Serve;

/// <summary><c>baton serve</c> as a user runs it: a separate process, configuration from arguments, environment and appsettings.json.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _work = new("baton-serve-");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _work.Dispose();
    }

    /// <summary>Starts the server and returns it with the address from its one "listening" log line.</summary>
    private async Task<(RunningProcess Process, Uri Url, string Root)> StartAsync(IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var process = BatonCli.Start(arguments, _work.Path, environment);
        var line = await process.WaitForLineAsync(l => l.Contains("Baton is serving", StringComparison.Ordinal));
        var match = ServingLine().Match(line);
        Assert.True(match.Success, line);
        return (process, new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"), match.Groups["root"].Value);
    }

    [Fact]
    public async Task Serves_the_given_root_on_the_given_url_and_logs_one_line_with_it()
    {
        var root = _work.Combine("served");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "hello.txt"), "hello");
        var (process, url, loggedRoot) = await StartAsync(["serve", root, "--urls", "http://127.0.0.1:0"]);
        await using (process)
        {
            Assert.Equal(root, loggedRoot);
            Assert.Equal("127.0.0.1", url.Host);
            Assert.Equal("ok", await _http.GetStringAsync(new Uri(url, "healthz")));
            Assert.Equal("hello", await _http.GetStringAsync(new Uri(url, "files/hello.txt")));
        }
    }

    [Fact]
    public async Task The_server_re_executes_itself_once_with_a_small_gen0_budget_keeping_its_process_id()
    {
        var (process, url, _) = await StartAsync(["serve", _work.Combine("gen0"), "--urls", "http://127.0.0.1:0"]);
        await using (process)
        {
            // The process the test started is the one serving (execve keeps the id), now with the variable in its environment.
            Assert.Equal("ok", await _http.GetStringAsync(new Uri(url, "healthz")));
            Assert.Contains($"{Gen0Budget.Variable}={Gen0Budget.Value}", EnvironmentOf(process.Id));
        }
    }

    [Fact]
    public async Task A_gen0_budget_the_operator_set_is_kept()
    {
        var (process, url, _) = await StartAsync(["serve", _work.Combine("gen0"), "--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { [Gen0Budget.Variable] = "0" });
        await using (process)
        {
            Assert.Equal("ok", await _http.GetStringAsync(new Uri(url, "healthz")));
            var environment = EnvironmentOf(process.Id);
            Assert.Contains($"{Gen0Budget.Variable}=0", environment);
            Assert.DoesNotContain($"{Gen0Budget.Variable}={Gen0Budget.Value}", environment);
        }
    }

    private static string[] EnvironmentOf(int pid) => File.ReadAllText($"/proc/{pid}/environ").Split('\0');

    [Fact]
    public async Task Root_defaults_to_data_in_the_working_folder_and_is_created()
    {
        var (process, url, loggedRoot) = await StartAsync(["serve", "--urls", "http://127.0.0.1:0"]);
        await using (process)
        {
            Assert.Equal(_work.Combine("data"), loggedRoot);
            Assert.True(Directory.Exists(_work.Combine("data")));
            using var response = await _http.GetAsync(new Uri(url, "api/files"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Baton_environment_variables_configure_root_urls_and_options()
    {
        var root = _work.Combine("from-env");
        var environment = new Dictionary<string, string?>
        {
            ["BATON_ROOT"] = root,
            ["BATON_URLS"] = "http://127.0.0.1:0",
            ["BATON_DOWNLOADS__MAXRANGES"] = "1",
        };
        var (process, url, loggedRoot) = await StartAsync(["serve"], environment);
        await using (process)
        {
            Assert.Equal(root, loggedRoot);
            File.WriteAllText(Path.Combine(root, "f.txt"), "0123456789");
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "files/f.txt"));
            request.Headers.TryAddWithoutValidation("Range", "bytes=0-0,5-5");
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode); // two ranges > MaxRanges=1
        }
    }

    [Fact]
    public async Task Appsettings_in_the_working_folder_is_read_and_the_command_line_wins()
    {
        File.WriteAllText(_work.Combine("appsettings.json"), """{ "Baton": { "Root": "from-file", "Downloads": { "MaxRanges": 1 } } }""");
        var (process, _, loggedRoot) = await StartAsync(["serve", "--urls", "http://127.0.0.1:0"]);
        await using (process)
        {
            Assert.Equal(_work.Combine("from-file"), loggedRoot);
        }
        var (second, _, overridden) = await StartAsync(["serve", "cli-root", "--urls", "http://127.0.0.1:0"]);
        await using (second)
        {
            Assert.Equal(_work.Combine("cli-root"), overridden);
        }
    }

    [Fact]
    public async Task Invalid_configuration_is_refused_at_start_with_one_clear_line_and_a_non_zero_exit()
    {
        var run = await BatonCli.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], TimeSpan.FromMinutes(1), _work.Path,
            new Dictionary<string, string?> { ["BATON_DOWNLOADS__MAXRANGES"] = "0" });
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("MaxRanges", run.Output);
        Assert.DoesNotContain("   at ", run.Output); // no stack trace
    }

    [Fact]
    public async Task Unknown_routes_get_problem_json()
    {
        var (process, url, _) = await StartAsync(["serve", "--urls", "http://127.0.0.1:0"]);
        await using (process)
        {
            using var response = await _http.GetAsync(new Uri(url, "no/such/thing"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [GeneratedRegex(@"Baton is serving (?<root>.+) at (?<url>http://\S+)")]
    private static partial Regex ServingLine();
}
