namespace Baton.Storage.Tests.FileSystem;

/// <summary>What a restart finds: the committed offset, never more bytes than it, never an offset above the bytes held.</summary>
public sealed class FileUploadStoreRecoveryTests : IDisposable
{
    private readonly StoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Bytes_past_the_committed_offset_are_cut_off_after_a_restart()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(100), default);
        await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(StoreFixture.Bytes(30))), default);
        // A crash after writing but before recording: extra bytes on disk that were never acknowledged.
        using (var data = new FileStream(_fx.DataPath(created.Id), FileMode.Append))
        {
            data.Write(new byte[17]);
        }

        var store = _fx.Restart();
        var found = await store.FindAsync(created.Id, default);

        Assert.Equal(30, found.Info!.Offset);
        Assert.Equal(30, new FileInfo(_fx.DataPath(created.Id)).Length);
        var resumed = await store.AppendAsync(created.Id, new AppendRequest(30, StoreFixture.Body(StoreFixture.Bytes(70, 2))), default);
        Assert.Equal(100, resumed.Info!.Offset);
        Assert.Equal([.. StoreFixture.Bytes(30), .. StoreFixture.Bytes(70, 2)], File.ReadAllBytes(_fx.DataPath(created.Id)));
    }

    [Fact]
    public async Task Without_fsync_the_committed_state_still_survives_a_process_restart()
    {
        using var fx = new StoreFixture(o => o with { Durability = Durability.None });
        var created = await fx.Store.CreateAsync(new NewUpload(20), default);
        await fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(StoreFixture.Bytes(12))), default);

        var found = await fx.Restart().FindAsync(created.Id, default);

        Assert.Equal(12, found.Info!.Offset);
        Assert.Equal(StoreFixture.Bytes(12), File.ReadAllBytes(fx.DataPath(created.Id)));
    }

    [Fact]
    public async Task An_upload_that_lost_bytes_is_deactivated()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(100), default);
        await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(StoreFixture.Bytes(30))), default);
        File.WriteAllBytes(_fx.DataPath(created.Id), new byte[10]);

        var found = await _fx.Restart().FindAsync(created.Id, default);

        Assert.Equal(UploadPresence.Gone, found.Presence);
    }

    [Fact]
    public async Task A_torn_temporary_record_is_ignored()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(100), default);
        await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(StoreFixture.Bytes(10))), default);
        File.WriteAllText(_fx.RecordPath(created.Id) + ".tmp", "{\"Id\":\"" + created.Id + "\",\"Off");

        var found = await _fx.Restart().FindAsync(created.Id, default);

        Assert.Equal(10, found.Info!.Offset);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA/")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("")]
    public async Task Ids_that_are_not_ours_are_not_found(string id)
    {
        var found = await _fx.Store.FindAsync(id, default);
        var append = await _fx.Store.AppendAsync(id, new AppendRequest(0, StoreFixture.Body([1])), default);

        Assert.Equal(UploadPresence.NotFound, found.Presence);
        Assert.Equal(AppendOutcome.NotFound, append.Outcome);
    }
}
