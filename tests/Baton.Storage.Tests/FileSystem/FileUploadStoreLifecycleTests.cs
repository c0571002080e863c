using System.Security.Cryptography;

namespace Baton.Storage.Tests.FileSystem;

public sealed class FileUploadStoreLifecycleTests : IDisposable
{
    private readonly StoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Terminated_uploads_are_gone_and_their_data_removed()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(10), default);

        Assert.Equal(TerminationOutcome.Terminated, await _fx.Store.TerminateAsync(created.Id, default));

        Assert.Equal(UploadPresence.Gone, (await _fx.Store.FindAsync(created.Id, default)).Presence);
        Assert.False(File.Exists(_fx.DataPath(created.Id)));
        Assert.False(File.Exists(_fx.RecordPath(created.Id)));
        Assert.Equal(TerminationOutcome.Gone, await _fx.Store.TerminateAsync(created.Id, default));
    }

    [Fact]
    public async Task Expired_uploads_are_gone_and_swept_while_fresh_ones_stay()
    {
        var old = await _fx.Store.CreateAsync(new NewUpload(10), default);
        _fx.Time.Advance(TimeSpan.FromHours(23));
        var fresh = await _fx.Store.CreateAsync(new NewUpload(10), default);
        _fx.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(UploadPresence.Gone, (await _fx.Store.FindAsync(old.Id, default)).Presence);
        Assert.Equal(1, await _fx.Store.RemoveExpiredAsync(_fx.Time.GetUtcNow(), default));

        Assert.False(File.Exists(_fx.RecordPath(old.Id)));
        Assert.Equal(UploadPresence.Found, (await _fx.Store.FindAsync(fresh.Id, default)).Presence);
    }

    [Fact]
    public async Task The_sweep_removes_stale_leftovers_of_crashes()
    {
        var live = await _fx.Store.CreateAsync(new NewUpload(10), default);
        var staleTemp = _fx.RecordPath(live.Id) + ".tmp";
        var orphan = _fx.DataPath("BBBBBBBBBBBBBBBBBBBBBB");
        File.WriteAllText(staleTemp, "{");
        File.WriteAllText(orphan, "x");
        var old = _fx.Time.GetUtcNow().UtcDateTime.AddDays(-3);
        File.SetLastWriteTimeUtc(staleTemp, old);
        File.SetLastWriteTimeUtc(orphan, old);

        await _fx.Store.RemoveExpiredAsync(_fx.Time.GetUtcNow(), default);

        Assert.False(File.Exists(staleTemp));
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(_fx.RecordPath(live.Id)));
    }

    [Fact]
    public async Task Deferred_length_is_set_once_and_never_changed()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(null), default);
        await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(new byte[5])), default);

        Assert.False(await _fx.Store.DeclareLengthAsync(created.Id, 4, default)); // below what was received
        Assert.True(await _fx.Store.DeclareLengthAsync(created.Id, 8, default));
        Assert.True(await _fx.Store.DeclareLengthAsync(created.Id, 8, default));
        Assert.False(await _fx.Store.DeclareLengthAsync(created.Id, 9, default));
        Assert.Equal(8, (await _fx.Store.FindAsync(created.Id, default)).Info!.Length);
    }

    [Fact]
    public async Task Placement_moves_the_data_keeps_both_on_a_clash_and_records_the_sha256()
    {
        var content = StoreFixture.Bytes(5000);
        var target = Path.Combine(_fx.Folder, "root");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "a.bin"), "existing");
        var created = await _fx.Store.CreateAsync(new NewUpload(content.Length), default);
        await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(content[..1000])), default);
        await _fx.Store.AppendAsync(created.Id, new AppendRequest(1000, StoreFixture.Body(content[1000..])), default);

        var placed = await _fx.Store.PlaceAsync(created.Id, [Path.Combine(target, "a.bin"), Path.Combine(target, "a (1).bin")], false, default);

        Assert.Equal(Path.Combine(target, "a (1).bin"), placed!.PlacedPath);
        Assert.Equal(content, File.ReadAllBytes(placed.PlacedPath!));
        Assert.Equal("existing", File.ReadAllText(Path.Combine(target, "a.bin")));
        Assert.Equal(SHA256.HashData(content), placed.Sha256);
        Assert.False(File.Exists(_fx.DataPath(created.Id)));
    }

    [Fact]
    public async Task The_sha256_is_right_when_it_cannot_be_computed_while_receiving()
    {
        var content = StoreFixture.Bytes(3000);
        var created = await _fx.Store.CreateAsync(new NewUpload(content.Length), default);
        await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(content[..1000])), default);
        var store = _fx.Restart(); // the running digest is lost with the process
        await store.AppendAsync(created.Id, new AppendRequest(1000, StoreFixture.Body(content[1000..])), default);

        var placed = await store.PlaceAsync(created.Id, [Path.Combine(_fx.Folder, "b.bin")], false, default);

        Assert.Equal(SHA256.HashData(content), placed!.Sha256);
    }

    [Fact]
    public async Task A_final_upload_joins_its_partials_in_order_even_when_created_before_they_finish()
    {
        var a = await _fx.Store.CreateAsync(new NewUpload(3, Kind: UploadKind.Partial), default);
        var b = await _fx.Store.CreateAsync(new NewUpload(4, Kind: UploadKind.Partial), default);
        await _fx.Store.AppendAsync(b.Id, new AppendRequest(0, StoreFixture.Body("defg"u8.ToArray())), default);

        var final = await _fx.Store.CreateFinalAsync(new NewUpload(null), [a.Id, b.Id, a.Id], default);
        Assert.Equal(UploadKind.Final, final!.Kind);
        Assert.False(final.IsComplete);
        Assert.Equal(10, final.Length);

        var done = await _fx.Store.AppendAsync(a.Id, new AppendRequest(0, StoreFixture.Body("abc"u8.ToArray())), default);
        Assert.Contains(final.Id, done.Info!.FinalIds);
        var finished = await _fx.Store.TryFinishAsync(final.Id, default);

        Assert.True(finished!.IsComplete);
        Assert.Equal("abcdefgabc"u8.ToArray(), File.ReadAllBytes(_fx.DataPath(final.Id)));
        var appendToFinal = await _fx.Store.AppendAsync(final.Id, new AppendRequest(10, StoreFixture.Body([1])), default);
        Assert.Equal(AppendOutcome.FinalUpload, appendToFinal.Outcome);
    }

    [Fact]
    public async Task A_final_upload_refuses_uploads_that_are_not_partial()
    {
        var regular = await _fx.Store.CreateAsync(new NewUpload(3), default);

        Assert.Null(await _fx.Store.CreateFinalAsync(new NewUpload(null), [regular.Id], default));
        Assert.Null(await _fx.Store.CreateFinalAsync(new NewUpload(null), ["../../x"], default));
    }
}
