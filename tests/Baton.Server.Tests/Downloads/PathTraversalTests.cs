using System.Text;
using Baton.Testing;

namespace Baton.Server.Tests.Downloads;

/// <summary>
/// A corpus of path-traversal attacks sent as raw request targets. A secret sits next to the root, links inside the root point at it
/// and at /etc/passwd; no request may return a byte of either, nor anything from Baton's own .baton folder.
/// </summary>
public sealed class PathTraversalTests : IAsyncLifetime
{
    private const string Secret = "TOP-SECRET-7f3a9c";
    private readonly TempDirectory _outside = new("baton-outside-");
    private BatonTestServer _server = null!;

    public static TheoryData<string> Attacks => new()
    {
        "/files/../secret.txt",
        "/files/..%2fsecret.txt",
        "/files/..%2Fsecret.txt",
        "/files/%2e%2e/secret.txt",
        "/files/%2e%2e%2fsecret.txt",
        "/files/%2E%2E/secret.txt",
        "/files/.%2e/secret.txt",
        "/files/%2e./secret.txt",
        "/files/%252e%252e/secret.txt",
        "/files/%252e%252e%252fsecret.txt",
        "/files/..%252f..%252fetc%252fpasswd",
        "/files/%25%32%65%25%32%65/secret.txt",
        "/files/..%5csecret.txt",
        "/files/..%5c..%5cetc%5cpasswd",
        "/files/%2e%2e%5c%2e%2e%5cetc%5cpasswd",
        "/files/%c0%ae%c0%ae/secret.txt",
        "/files/%c0%ae%c0%ae%c0%afsecret.txt",
        "/files/%e0%80%ae%e0%80%ae/secret.txt",
        "/files/..%c0%afsecret.txt",
        "/files/..%c1%9csecret.txt",
        "/files/%ef%bc%8e%ef%bc%8e/secret.txt",
        "/files/%uff0e%uff0e/secret.txt",
        "/files/....//secret.txt",
        "/files/.../secret.txt",
        "/files/..;/secret.txt",
        "/files//etc/passwd",
        "/files/%2fetc%2fpasswd",
        "/files/%2Fetc/passwd",
        "/files/C:%5cWindows%5cwin.ini",
        "/files/C:/Windows/win.ini",
        "/files/%5c%5cserver%5cshare%5csecret.txt",
        "/files/inside.txt%00.jpg",
        "/files/inside.txt%00",
        "/files/%00/etc/passwd",
        "/files/link-out",
        "/files/link-passwd",
        "/files/dir-out/secret.txt",
        "/files/dir-out/../secret.txt",
        "/files/sub/../../secret.txt",
        "/files/sub/%2e%2e/%2e%2e/secret.txt",
        "/files/sub/..%2f..%2fsecret.txt",
        "/files/sub/./../../secret.txt",
        "/files/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/files/.baton/digests",
        "/files/.baton/uploads/anything",
        "/files/%2ebaton/digests",
        "/files/sub/../.baton/digests",
        "/files/%0d%0aSet-Cookie:%20x=1",
        "/api/files?path=..",
        "/api/files?path=../",
        "/api/files?path=%2e%2e",
        "/api/files?path=%2e%2e%2f%2e%2e",
        "/api/files?path=/etc",
        "/api/files?path=dir-out",
        "/api/files?path=.baton",
        "/api/files?path=sub/../..",
        "/api/files?path=C:%5c",
    };

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync();
        File.WriteAllText(Path.Combine(_outside.Path, "secret.txt"), Secret);
        // The root's parent holds a secret too: Baton's root is a subfolder of a temp folder.
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_server.Root.Path)!, "secret.txt"), Secret);
        File.WriteAllText(_server.Root.Combine("inside.txt"), "inside");
        TestStorage.Publish(_server.Services, _server.Root.Path, "inside.txt");
        Directory.CreateDirectory(_server.Root.Combine("sub"));
        File.CreateSymbolicLink(_server.Root.Combine("link-out"), Path.Combine(_outside.Path, "secret.txt"));
        File.CreateSymbolicLink(_server.Root.Combine("link-passwd"), "/etc/passwd");
        Directory.CreateSymbolicLink(_server.Root.Combine("dir-out"), _outside.Path);
        Directory.CreateDirectory(Path.Combine(_server.Root.Path, ".baton", "digests"));
        File.WriteAllText(Path.Combine(_server.Root.Path, ".baton", "digests", "probe"), Secret);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(Path.Combine(Path.GetDirectoryName(_server.Root.Path)!, "secret.txt"));
        _outside.Dispose();
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task No_attack_reaches_outside_the_root(string target)
    {
        var response = await RawHttp.SendAsync(_server.BaseAddress, "GET", target);
        Assert.True(response.Status is 400 or 404, $"{target} → {response.Status}\n{response.Head}");
        Assert.DoesNotContain(Secret, response.BodyText);
        Assert.DoesNotContain("root:x:0:0", response.BodyText);
        Assert.DoesNotContain("Set-Cookie", response.Head);
    }

    [Fact]
    public async Task The_corpus_has_at_least_forty_attacks_and_legitimate_files_still_work()
    {
        Assert.True(Attacks.Count >= 40);
        var ok = await RawHttp.SendAsync(_server.BaseAddress, "GET", "/files/inside.txt");
        Assert.Equal(200, ok.Status);
        Assert.Equal("inside", Encoding.UTF8.GetString(ok.Body));
        if (!TestStorage.IsDisk)
        {
            return; // symbolic links are a disk matter
        }
        // a link that stays inside the root is followed
        File.CreateSymbolicLink(_server.Root.Combine("sub", "alias.txt"), _server.Root.Combine("inside.txt"));
        var alias = await RawHttp.SendAsync(_server.BaseAddress, "GET", "/files/sub/alias.txt");
        Assert.Equal(200, alias.Status);
    }
}
