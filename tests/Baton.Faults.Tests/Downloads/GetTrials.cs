using Baton.Client.Downloads;
using Baton.Faults.Tests.Trials;
using Baton.Testing;
using Baton.Testing.Faults;
using Xunit.Abstractions;

namespace Baton.Faults.Tests.Downloads;

/// <summary>
/// <c>baton get</c> as a process through the fault proxy from a <c>baton serve</c> process: random cuts, resets and stalls on
/// one or two connections, and kill -9 of the client at an exact response byte; rerun until it succeeds, the result must be
/// byte-identical with nothing left beside it.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class GetTrials(ITestOutputHelper output)
{
    private const int MiB = 1 << 20;

    public static TheoryData<int> Seeds => TrialSettings.Seeds(0.3);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Interrupted_get_resumes_to_the_exact_file(int seed)
    {
        await using var trial = await Trial.StartAsync(seed, nameof(GetTrials), output);
        var length = trial.Random.Next(MiB, 12 * MiB);
        var name = $"get-{seed}.bin";
        var source = trial.Work.WriteRandomFile(Path.Combine("root", name), length, seed);
        var target = trial.Work.Combine("out", name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var connections = trial.Random.Next(1, 3).ToString();
        string[] get = ["get", new Uri(trial.Proxy.Url, "files/" + name).ToString(), "-o", target, "-c", connections, "--retries", "10", "--json"];
        var environment = new Dictionary<string, string?>();
        var killClient = trial.Random.Next(3) == 0;
        trial.Log($"{length} B, {connections} connection(s), {(killClient ? "client kill" : "faults")}");

        if (killClient)
        {
            var at = trial.Random.NextInt64(length / 8, length / 2);
            trial.Schedule.Enqueue(Enumerable.Repeat(FaultPlan.Hold(FaultDirection.ToClient, at), 3));
            await using var first = BatonCli.Start(get, trial.Work.Path, environment);
            using var stop = new CancellationTokenSource();
            var hold = trial.Proxy.WaitUntilAsync(p => p.HoldsReached > 0, TimeSpan.FromMinutes(2), "hold reached", stop.Token);
            await Task.WhenAny(hold, first.WaitForExitAsync(TimeSpan.FromMinutes(2)));
            await stop.CancelAsync();
            await first.KillAsync();
            trial.Log($"client killed with {trial.Proxy.BytesToClient} B delivered (hold at {at} B of a connection); " +
                $"control file: {(File.Exists(ControlFile.PathFor(target + ".part")) ? "saved" : "none yet")}");
            trial.Schedule.Clear();
            trial.Proxy.ReleaseHolds();
        }
        trial.Log("faults: " + string.Join("; ", trial.Schedule.EnqueueRandom(trial.Random, 100, length)));

        await CliRuns.UntilSuccessAsync(trial, get, environment);

        Assert.True(Trial.Sha256(source) == Trial.Sha256(target), $"seed {seed}: the downloaded file differs from the served one");
        Assert.False(File.Exists(target + ".part"), $"seed {seed}: the part file was left behind");
        Assert.False(File.Exists(ControlFile.PathFor(target + ".part")), $"seed {seed}: the control file was left behind");
    }
}
