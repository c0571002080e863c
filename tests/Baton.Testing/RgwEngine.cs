using Baton.Storage.S3.Hosting;

namespace Baton.Testing;

/// <summary>
/// Ceph RGW, the real S3 engine, started by the project's own <c>scripts/rgw-start.sh</c> (which installs Ceph when missing):
/// once per test run, reused when a developer keeps one running, stopped at the end only if this run started it.
/// </summary>
public sealed class RgwEngine
{
    /// <summary>The bucket the tests use; every backend instance gets its own prefix in it.</summary>
    public const string Bucket = "baton-tests";

    private RgwEngine(IReadOnlyDictionary<string, string> settings)
    {
        Endpoint = settings["BATON_RGW_ENDPOINT"];
        AccessKey = settings["BATON_RGW_ACCESS_KEY"];
        SecretKey = settings["BATON_RGW_SECRET_KEY"];
        Home = settings["BATON_RGW_HOME"];
        StartedHere = settings["BATON_RGW_STARTED"] == "1";
    }

    public string Endpoint { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public string Home { get; }

    public bool StartedHere { get; }

    public static async Task<RgwEngine> StartAsync()
    {
        var script = Path.Combine(BatonCli.RepositoryRoot, "scripts", "rgw-start.sh");
        await using var run = await RunningProcess.RunAsync("bash", [script], TimeSpan.FromMinutes(10));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/rgw-start.sh failed ({run.ExitCode}):\n{run.Output}");
        }
        var settings = run.Output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("BATON_RGW_", StringComparison.Ordinal) && line.Contains('='))
            .ToDictionary(line => line[..line.IndexOf('=')], line => line[(line.IndexOf('=') + 1)..], StringComparer.Ordinal);
        return new RgwEngine(settings);
    }

    /// <summary>Stops the engine if this run started it (scripts/rgw-stop.sh).</summary>
    public async Task StopIfStartedHereAsync()
    {
        if (StartedHere)
        {
            await using var run = await RunningProcess.RunAsync("bash", [Path.Combine(BatonCli.RepositoryRoot, "scripts", "rgw-stop.sh")],
                TimeSpan.FromMinutes(2), environment: new Dictionary<string, string?> { ["BATON_RGW_HOME"] = Home });
        }
    }

    /// <summary>Backend settings with a fresh prefix of their own.</summary>
    public S3StorageOptions Options(string? prefix = null) => new()
    {
        ServiceUrl = Endpoint,
        Bucket = Bucket,
        Prefix = prefix ?? "t-" + Guid.NewGuid().ToString("N")[..12] + "/",
        AccessKey = AccessKey,
        SecretKey = SecretKey,
    };

    /// <summary>The same settings as <c>baton serve</c> reads them from its environment (<c>BATON_STORAGE__S3__…</c>).</summary>
    public Dictionary<string, string?> Environment(string prefix) => new()
    {
        ["BATON_STORAGE__KIND"] = S3StorageBackend.S3Kind,
        ["BATON_STORAGE__S3__SERVICEURL"] = Endpoint,
        ["BATON_STORAGE__S3__BUCKET"] = Bucket,
        ["BATON_STORAGE__S3__PREFIX"] = prefix,
        ["BATON_STORAGE__S3__ACCESSKEY"] = AccessKey,
        ["BATON_STORAGE__S3__SECRETKEY"] = SecretKey,
    };
}
