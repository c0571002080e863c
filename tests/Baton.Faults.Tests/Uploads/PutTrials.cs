using Baton.Faults.Tests.Trials;
using Baton.Testing;
using Baton.Testing.Faults;
using Xunit.Abstractions;

namespace Baton.Faults.Tests.Uploads;

/// <summary>
/// <c>baton put</c> as a process (<c>--protocol tus</c> or <c>ietf</c>, chosen by the seed), through the fault proxy to a <c>baton serve</c> process: random cuts, resets and stalls,
/// kill -9 of the client at an exact byte, kill -9 of the server at an exact byte or right after the last byte passed. Then the
/// same command is run again until it succeeds, and <see cref="UploadInvariants"/> must hold.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class PutTrials(ITestOutputHelper output)
{
    private const int MiB = 1 << 20;

    public static TheoryData<int> Seeds => TrialSettings.Seeds(0.35);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Interrupted_put_resumes_to_the_exact_file(int seed)
    {
        await using var trial = await Trial.StartAsync(seed, nameof(PutTrials), output);
        var length = trial.Random.Next(MiB / 2, 5 * MiB);
        var name = $"put-{seed}.bin";
        var source = trial.Work.WriteRandomFile(Path.Combine("source", name), length, seed);
        var content = await File.ReadAllBytesAsync(source);
        var environment = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = trial.Work.Combine("state") };
        var protocol = trial.Random.Next(2) == 0 ? "tus" : "ietf";
        string[] put = ["put", source, new Uri(trial.Proxy.Url, "uploads/").ToString(), "--protocol", protocol, "--chunk-size", "1m",
            "--retries", "10", "--json"];
        var mode = trial.Random.Next(6);
        trial.Log($"{length} B, {protocol}, mode {mode}");

        switch (mode)
        {
            case 0 or 1:
                trial.Log("faults: " + string.Join("; ", trial.Schedule.EnqueueRandom(trial.Random, length + 4096, 1500)));
                break;
            case 2:
                await KillClientAtAsync(trial, put, environment, trial.Random.NextInt64(length));
                trial.Log("then faults: " + string.Join("; ", trial.Schedule.EnqueueRandom(trial.Random, length + 4096, 1500)));
                break;
            case 3:
                await KillServerAtAsync(trial, put, environment, trial.Random.NextInt64(length), content);
                return;
            case 4:
                await KillServerAfterLastByteAsync(trial, put, environment, content);
                return;
            default:
                LastByteFaults.Cut(trial, content, reset: trial.Random.Next(2) == 0);
                break;
        }
        await FinishAsync(trial, put, environment, content);
    }

    /// <summary>Holds the request stream at <paramref name="at"/> bytes, kills <c>baton put</c> there, then lets traffic flow.</summary>
    private static async Task KillClientAtAsync(Trial trial, string[] put, Dictionary<string, string?> environment, long at)
    {
        trial.Schedule.Enqueue([FaultPlan.Hold(FaultDirection.ToServer, at), FaultPlan.Hold(FaultDirection.ToServer, at)]);
        await using var first = BatonCli.Start(put, trial.Work.Path, environment);
        await WaitForHoldOrExitAsync(trial, first);
        await first.KillAsync();
        trial.Log($"client killed with {trial.Proxy.BytesToServer} B passed (hold at {at} B of a connection)");
        trial.Schedule.Clear();
        trial.Proxy.ReleaseHolds();
    }

    /// <summary>kill -9 of the server while the request stream is held at <paramref name="at"/>; the client keeps retrying.</summary>
    private static async Task KillServerAtAsync(Trial trial, string[] put, Dictionary<string, string?> environment, long at, byte[] content)
    {
        trial.Schedule.Enqueue([FaultPlan.Hold(FaultDirection.ToServer, at)]);
        var runs = CliRuns.UntilSuccessAsync(trial, put, environment);
        await Task.WhenAny(trial.Proxy.WaitUntilAsync(p => p.HoldsReached > 0, TimeSpan.FromMinutes(2), "hold reached"), runs);
        await trial.RestartServerAsync($"request stream held at {at} B");
        trial.Proxy.ReleaseHolds();
        await CheckAsync(trial, put, await runs, content);
    }

    /// <summary>kill -9 of the server the moment the file's last byte has passed the proxy: between the last byte and placement
    /// (issue 11 item 11), unless the server is faster than the signal.</summary>
    private static async Task KillServerAfterLastByteAsync(Trial trial, string[] put, Dictionary<string, string?> environment, byte[] content)
    {
        var killed = LastByteFaults.KillServer(trial, content);
        var runs = CliRuns.UntilSuccessAsync(trial, put, environment);
        await Task.WhenAny(killed, runs);
        await trial.RestartServerAsync("the file's last byte had just passed the proxy");
        await CheckAsync(trial, put, await runs, content);
    }

    private static async Task FinishAsync(Trial trial, string[] put, Dictionary<string, string?> environment, byte[] content) =>
        await CheckAsync(trial, put, await CliRuns.UntilSuccessAsync(trial, put, environment), content);

    private static async Task CheckAsync(Trial trial, string[] put, System.Text.Json.JsonElement result, byte[] content)
    {
        using var direct = new HttpClient();
        // Reported complete ⇒ a file with exactly these bytes, checked by baton itself and here.
        Assert.True(result.GetProperty("verified").GetBoolean(), $"seed {trial.Seed}: put succeeded without verifying the stored file: {result}");
        var url = new Uri(result.GetProperty("url").GetString()!);
        var stored = await direct.GetByteArrayAsync(new Uri(trial.Direct, url.PathAndQuery));
        Assert.True(Trial.Sha256(content) == Trial.Sha256(stored), $"seed {trial.Seed}: {url} differs from the source");
        await UploadInvariants.CheckAsync(trial, direct, tus: put.Contains("tus"), content);
    }

    private static async Task WaitForHoldOrExitAsync(Trial trial, RunningProcess process)
    {
        using var stop = new CancellationTokenSource();
        var hold = trial.Proxy.WaitUntilAsync(p => p.HoldsReached > 0, TimeSpan.FromMinutes(2), "hold reached", stop.Token);
        var exit = process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        await Task.WhenAny(hold, exit);
        await stop.CancelAsync();
        if (exit.IsCompleted)
        {
            trial.Log($"the client finished before the hold (exit {process.ExitCode})");
        }
    }
}
