using Baton.Faults.Tests.Trials;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Faults.Tests.Downloads;

/// <summary>
/// curl (a peer nobody here wrote) downloading from Baton through the fault proxy, resuming with <c>-C -</c> after every cut,
/// reset or stall that ends a run: Baton's range answers must let it finish byte-identical.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class CurlResumeTrials(ITestOutputHelper output)
{
    private const int MiB = 1 << 20;
    private const int MaxRuns = 10;

    public static TheoryData<int> Seeds => TrialSettings.Seeds(0.15);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Curl_resumes_through_faults_to_the_exact_file(int seed)
    {
        await using var trial = await Trial.StartAsync(seed, nameof(CurlResumeTrials), output);
        var length = trial.Random.Next(MiB, 12 * MiB);
        var name = $"curl-{seed}.bin";
        var source = trial.Work.WriteRandomFile(Path.Combine("root", name), length, seed);
        var target = trial.Work.Combine("curl-" + name);
        // Faults on up to the first runs' connections; each run is one connection.
        var plans = Enumerable.Range(0, trial.Random.Next(2, 5)).Select(_ => Testing.Faults.FaultPlan.Random(trial.Random, 100, length)).ToList();
        trial.Schedule.Enqueue(plans);
        trial.Log($"{length} B; faults: {string.Join("; ", plans)}");

        for (var run = 1; ; run++)
        {
            var curl = await RunningProcess.RunAsync("curl",
                ["-sS", "--max-time", "60", "-C", "-", "-o", target, new Uri(trial.Proxy.Url, "files/" + name).ToString()], TimeSpan.FromMinutes(2));
            var held = File.Exists(target) ? new FileInfo(target).Length : 0;
            trial.Log($"run {run}: curl exit {curl.ExitCode}, {held} B on disk {curl.Output.Trim()}");
            if (curl.ExitCode == 0)
            {
                break;
            }
            // 18 partial file, 52 empty reply, 56 receive error, 28 timeout: what a cut, reset or stall causes.
            Assert.Contains(curl.ExitCode, new[] { 18, 28, 52, 56 });
            Assert.True(run < MaxRuns, $"seed {seed}: curl did not finish in {MaxRuns} runs");
        }

        Assert.True(Trial.Sha256(source) == Trial.Sha256(target), $"seed {seed}: curl's resumed file differs from the served one");
    }
}
