using System.Net;
using Baton.Cluster.Tests.Postgres;
using Baton.Server.Tests.Uploads;
using Baton.Testing;
using Npgsql;

namespace Baton.Cluster.Tests.Hosting;

/// <summary>
/// Cluster mode as <c>baton serve</c> gets it — from the environment alone (<c>BATON_CLUSTER__POSTGRES</c> beside the S3
/// settings) — in real processes: refused on disk storage, and two processes on one bucket and database sharing an upload, one of
/// them killed with SIGKILL in the middle of a PATCH.
/// </summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class ServeClusterTests(RgwFixture rgw)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Serve_refuses_cluster_mode_on_disk_storage_with_one_clear_line()
    {
        var connection = await TestDatabase.CreateIsolatedConnectionStringAsync();
        using var root = new TempDirectory();

        await using var run = await BatonCli.RunAsync(["serve", root.Path, "--urls", "http://127.0.0.1:0", "--allow-anonymous"],
            TimeSpan.FromSeconds(60), root.Path, new Dictionary<string, string?> { ["BATON_CLUSTER__POSTGRES"] = connection });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Baton:Cluster:Postgres is set (cluster mode), which needs storage every instance shares: set Baton:Storage:Kind = s3",
            run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(connection).Password!, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_killed_mid_patch_frees_its_upload_and_another_resumes_from_the_durable_offset()
    {
        var environment = rgw.Engine.Environment("serve-" + Guid.NewGuid().ToString("N")[..12] + "/");
        environment["BATON_STORAGE__S3__PARTSIZE"] = (5 * MiB).ToString();
        environment["BATON_CLUSTER__POSTGRES"] = await TestDatabase.CreateIsolatedConnectionStringAsync("baton-serve-tests");
        using var rootA = new TempDirectory();
        using var rootB = new TempDirectory();
        var (portA, portB) = (FreePort.Next(), FreePort.Next());
        await using var a = await StartAsync(rootA.Path, portA, environment);
        await using var b = await StartAsync(rootB.Path, portB, environment);
        using var http = new HttpClient();
        var (urlA, urlB) = (new Uri($"http://127.0.0.1:{portA}/"), new Uri($"http://127.0.0.1:{portB}/"));
        var content = new byte[12 * MiB + 5];
        new Random(9).NextBytes(content);
        using var clientB = new HttpClient { BaseAddress = urlB };
        var location = await Tus.CreateAsync(clientB, content.Length, "killed.bin");

        var hang = new TaskCompletionSource();
        var stalled = new StalledContent(content[..(5 * MiB)], content.Length, hang.Task);
        var held = Tus.Patch(new Uri(urlA, location).ToString(), 0, []);
        held.Content = stalled;
        held.Content.Headers.ContentType = new(Tus.OctetStream);
        var holder = http.SendAsync(held);
        // One whole part is durable once B reports it; A is still inside the PATCH, holding the upload's advisory lock.
        await WaitForOffsetAsync(http, new Uri(urlB, location), 5 * MiB);

        await a.KillAsync();
        hang.SetResult();
        await Assert.ThrowsAnyAsync<Exception>(() => holder);

        // The lock died with A's connection: B takes the upload at once (no release request is answered by a dead process).
        using var resumed = await http.SendAsync(Tus.Patch(new Uri(urlB, location).ToString(), 5 * MiB, content[(5 * MiB)..]));
        Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
        Assert.Equal(content, await http.GetByteArrayAsync(new Uri(urlB, "files/killed.bin")));
    }

    private static async Task<RunningProcess> StartAsync(string root, int port, IDictionary<string, string?> environment)
    {
        var process = BatonCli.Start(["serve", root, "--urls", $"http://127.0.0.1:{port}", "--allow-anonymous"], root, environment);
        await process.WaitForLineAsync(l => l.Contains("Baton is serving", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return process;
    }

    private static async Task WaitForOffsetAsync(HttpClient http, Uri upload, long offset)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var head = await http.SendAsync(Tus.Head(upload.ToString()), timeout.Token);
            if (Tus.Header(head, "Upload-Offset") == offset.ToString())
            {
                return;
            }
        }
    }
}
