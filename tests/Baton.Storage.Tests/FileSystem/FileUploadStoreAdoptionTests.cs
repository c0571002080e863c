using System.Security.Cryptography;
using Baton.Protocol.Paths;
using Baton.Storage.FileSystem;
using Baton.Storage.FileSystem.Files;

namespace Baton.Storage.Tests.FileSystem;

/// <summary>
/// Disk adoption (issue 15) across crashes: an upload's data that is a hard link of a stored file is never cut by recovery (that
/// would cut the stored file), and a crash between the adoption's record and its rename is finished at the next load.
/// </summary>
public sealed class FileUploadStoreAdoptionTests : IDisposable
{
    private readonly StoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    private string Stored(string name, byte[] content)
    {
        var path = Path.Combine(_fx.Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static async Task LinkAsync(string existing, string newPath)
    {
        File.Delete(newPath);
        using var ln = System.Diagnostics.Process.Start("ln", [existing, newPath]);
        await ln.WaitForExitAsync();
        Assert.Equal(0, ln.ExitCode);
    }

    [Fact]
    public async Task A_data_file_that_is_also_a_stored_file_is_never_cut_by_recovery()
    {
        var content = StoreFixture.Bytes(1000, 50);
        var stored = Stored("stored.bin", content);
        var created = await _fx.Store.CreateAsync(new NewUpload(content.Length), default);
        // The state of a crash after linking into place but before the record (what AdoptAsync's order prevents).
        await LinkAsync(stored, _fx.DataPath(created.Id));

        var found = await _fx.Restart().FindAsync(created.Id, default);

        Assert.Equal(0, found.Info!.Offset);
        Assert.Equal(content, File.ReadAllBytes(stored));
        Assert.Equal(0, new FileInfo(_fx.DataPath(created.Id)).Length);
        var done = await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(StoreFixture.Bytes(1000, 51))), default);
        Assert.True(done.Info!.IsComplete);
        Assert.Equal(content, File.ReadAllBytes(stored));
    }

    [Fact]
    public async Task A_crash_between_the_adoption_record_and_its_rename_is_finished_at_the_next_load()
    {
        var content = StoreFixture.Bytes(5000, 52);
        Stored("source.bin", content);
        var root = new DiskRoot(_fx.Folder);
        _fx.Store.Dispose();
        var name = RelativePath.TryParse("source.bin", false, out var n) == PathCheck.Valid ? n : throw new InvalidOperationException();
        var version = (await new DiskFileSource(root, TimeProvider.System).StatAsync(name, default))!.Version!.Value;
        UploadInfo created;
        using (var store = new FileUploadStore(_fx.Options, _fx.Locker, _fx.Time) { SharedRoot = root })
        {
            created = await store.CreateAsync(new NewUpload(content.Length), default);
            var adopted = await store.AdoptAsync(created.Id, new StoredContent(name, version, SHA256.HashData(content)), default);
            Assert.True(adopted!.IsComplete);
        }
        // Back to the moment after the record, before the rename: the link still aside, the original empty data file.
        File.Move(_fx.DataPath(created.Id), Path.Combine(_fx.Options.Folder, created.Id + ".share"));
        File.WriteAllBytes(_fx.DataPath(created.Id), []);

        var found = await _fx.Restart().FindAsync(created.Id, default);

        Assert.True(found.Info!.IsComplete);
        Assert.Equal(content, File.ReadAllBytes(_fx.DataPath(created.Id)));
        Assert.False(File.Exists(Path.Combine(_fx.Options.Folder, created.Id + ".share")));
        Assert.Equal(SHA256.HashData(content), await _fx.Store.DigestAsync(created.Id, default));
    }
}
