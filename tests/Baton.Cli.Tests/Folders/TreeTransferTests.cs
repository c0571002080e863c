using System.Security.Cryptography;
using Baton.Server.Uploads.Events;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Tests.Folders;

/// <summary>
/// <c>baton put DIR</c> and <c>baton get -r</c> (issue 14 item 4), as processes against a real Baton server: a tree of nested folders
/// goes up into the same folders and comes back byte-exact; a put killed mid-tree and rerun stores every file exactly once.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class TreeTransferTests : IDisposable
{
    private readonly TempDirectory _dir = new("baton-tree-");

    private Dictionary<string, string?> Environment => new() { ["XDG_STATE_HOME"] = _dir.Combine("state") };

    private static readonly string[] Tree = ["a.txt", "docs/b.bin", "docs/deep/c.bin", "docs/deep/empty.txt", "photos/2024/d.bin"];

    private string WriteTree(string name, int size)
    {
        var root = _dir.Combine(name);
        for (var i = 0; i < Tree.Length; i++)
        {
            _dir.WriteRandomFile(name + "/" + Tree[i], Tree[i].StartsWith("docs/deep/empty", StringComparison.Ordinal) ? 0 : size + i, seed: i + 1);
        }
        return root;
    }

    [Fact]
    public async Task A_tree_goes_up_into_its_folders_and_comes_back_identical_and_a_rerun_sends_nothing()
    {
        var events = new CountingCompletions();
        await using var server = await BatonTestServer.StartAsync(services: s => s.AddSingleton<IUploadEvents>(events));
        var source = WriteTree("src", 70_000);
        File.CreateSymbolicLink(Path.Combine(source, "outside-link"), "/etc/hostname");

        var put = await BatonCli.RunAsync(["put", source, server.Url("uploads/").AbsoluteUri, "--metadata", "folder=backup"], environment: Environment);

        Assert.True(put.ExitCode == 0, put.Output);
        Assert.Contains("outside-link: a symbolic link, not followed", put.Output);
        foreach (var relative in Tree)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(source, relative)), server.ReadStoredFile("backup/" + relative));
        }
        Assert.False(server.StoredFileExists("backup/outside-link"));
        Assert.Equal(Tree.Length, events.Completed);

        var again = await BatonCli.RunAsync(["put", source, server.Url("uploads/").AbsoluteUri, "--metadata", "folder=backup"], environment: Environment);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(Tree.Length, again.Output.Split('\n').Count(l => l.Contains(": already stored (", StringComparison.Ordinal)));
        Assert.Equal(Tree.Length, events.Completed); // nothing was uploaded twice

        var mirror = _dir.Combine("mirror");
        var get = await BatonCli.RunAsync(["get", "-r", server.Url("files/backup/").AbsoluteUri, "-o", mirror], environment: Environment);
        Assert.True(get.ExitCode == 0, get.Output);
        foreach (var relative in Tree)
        {
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(Path.Combine(source, relative))), SHA256.HashData(File.ReadAllBytes(Path.Combine(mirror, relative))));
        }
        Assert.Equal(Tree.Length, Directory.GetFiles(mirror, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task A_put_killed_twice_mid_tree_and_rerun_stores_every_file_exactly_once()
    {
        var events = new CountingCompletions(holdAt: [2, 3]);
        await using var server = await BatonTestServer.StartAsync(services: s => s.AddSingleton<IUploadEvents>(events));
        var source = WriteTree("killed", 300_000);
        string[] put = ["put", source, server.Url("uploads/").AbsoluteUri, "--chunk-size", "64k"];

        foreach (var hold in new[] { 2, 3 })
        {
            await using var run = BatonCli.Start(put, environment: Environment);
            // The hold-th file (non-empty: an empty one whose answer is lost is simply created again, as the same file) is stored
            // and its answer held back: the client is killed before it learns of it.
            await events.Held(hold).WaitAsync(TimeSpan.FromMinutes(2));
            await run.KillAsync();
            events.Release(hold);
        }

        var rerun = await BatonCli.RunAsync(put, environment: Environment);

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        foreach (var relative in Tree)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(source, relative)), server.ReadStoredFile(relative));
        }
        Assert.True(Tree.Length == events.Completed, string.Join(", ", events.Files) + "\n" + rerun.Output); // a file stored before a kill was not stored again
        Assert.DoesNotContain(server.StoredFileNames(), n => n.Contains(" (1)", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Counts completed uploads; holds the answer to the n-th completion (n in <paramref name="holdAt"/>) until released.</summary>
    private sealed class CountingCompletions(int[]? holdAt = null) : IUploadEvents
    {
        private readonly Dictionary<int, (TaskCompletionSource Held, TaskCompletionSource Release)> _holds = (holdAt ?? []).ToDictionary(
            n => n,
            _ => (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        private int _completed;

        public System.Collections.Concurrent.ConcurrentQueue<string> Files { get; } = new();

        public int Completed => Volatile.Read(ref _completed);

        public Task Held(int n) => _holds[n].Held.Task;

        public void Release(int n) => _holds[n].Release.TrySetResult();

        public async Task OnCompletedAsync(UploadEvent upload, CancellationToken cancellation)
        {
            Files.Enqueue(upload.FilePath ?? upload.Id);
            if (_holds.TryGetValue(Interlocked.Increment(ref _completed), out var hold))
            {
                hold.Held.TrySetResult();
                await hold.Release.Task;
            }
        }
    }
}
