using Baton.Faults.Tests.Trials;
using Baton.Testing.Faults;
using Xunit.Abstractions;

namespace Baton.Faults.Tests.Uploads;

/// <summary>
/// IETF Resumable Uploads (interop 8) through the fault proxy to a <c>baton serve</c> process: random cuts, resets and stalls,
/// and kill -9 of the server at an exact byte or right after the last byte passed; the client resumes from the server's offset
/// and <see cref="UploadInvariants"/> must hold.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class IetfUploadTrials(ITestOutputHelper output)
{
    private const int MiB = 1 << 20;

    public static TheoryData<int> Seeds => TrialSettings.Seeds(0.2);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Interrupted_ietf_upload_resumes_to_the_exact_file(int seed)
    {
        await using var trial = await Trial.StartAsync(seed, nameof(IetfUploadTrials), output);
        var content = new byte[trial.Random.Next(MiB / 2, 5 * MiB)];
        trial.Random.NextBytes(content);
        var name = $"ietf-{seed}.bin";
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var uploader = new IetfUploader(http, new Uri(trial.Proxy.Url, "uploads"), content, name, () => trial.Ready, trial.Log);
        var mode = trial.Random.Next(4);
        trial.Log($"{content.Length} B, mode {mode}");

        switch (mode)
        {
            case 0:
                trial.Log("faults: " + string.Join("; ", trial.Schedule.EnqueueRandom(trial.Random, content.Length + 4096, 1500)));
                await uploader.UploadAsync(attempts: 10);
                break;
            case 1:
            {
                var at = trial.Random.NextInt64(content.Length);
                trial.Schedule.Enqueue([FaultPlan.Hold(FaultDirection.ToServer, at)]);
                var upload = uploader.UploadAsync(attempts: 10);
                await Task.WhenAny(trial.Proxy.WaitUntilAsync(p => p.HoldsReached > 0, TimeSpan.FromMinutes(2), "hold reached"), upload);
                await trial.RestartServerAsync($"request stream held at {at} B");
                trial.Proxy.ReleaseHolds();
                await upload;
                break;
            }
            case 2:
            {
                var killed = LastByteFaults.KillServer(trial, content);
                var upload = uploader.UploadAsync(attempts: 10);
                await Task.WhenAny(killed, upload);
                await trial.RestartServerAsync("the file's last byte had just passed the proxy");
                await upload;
                break;
            }
            default:
                LastByteFaults.Cut(trial, content, reset: trial.Random.Next(2) == 0);
                await uploader.UploadAsync(attempts: 10);
                break;
        }

        using var direct = new HttpClient();
        await UploadInvariants.CheckAsync(trial, direct, tus: false, content);
        // The upload the client finished must itself be one of those checked above: acknowledged complete.
        Assert.Contains(trial.Offsets.All, a => a.Upload == uploader.Upload!.AbsolutePath && a.Offset == content.Length);
    }
}
