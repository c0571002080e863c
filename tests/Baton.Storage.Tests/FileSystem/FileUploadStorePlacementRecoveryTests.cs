using Baton.Storage.FileSystem;

namespace Baton.Storage.Tests.FileSystem;

/// <summary>Issue 11 items 7 and 11: a completion cut short by a crash is found and finished by the next start.</summary>
public sealed class FileUploadStorePlacementRecoveryTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private async Task<string> CompleteUnplacedAsync(byte[] content)
    {
        var info = await _fixture.Store.CreateAsync(new NewUpload(content.Length), CancellationToken.None);
        var appended = await _fixture.Store.AppendAsync(info.Id, new AppendRequest(0, StoreFixture.Body(content)), CancellationToken.None);
        Assert.True(appended.Info!.IsComplete);
        return info.Id;
    }

    [Fact]
    public async Task A_complete_upload_never_placed_is_listed_as_unfinished_after_a_restart()
    {
        var id = await CompleteUnplacedAsync(StoreFixture.Bytes(1000));
        var store = _fixture.Restart();

        var unfinished = await store.UnfinishedAsync(CancellationToken.None).ToListAsync();

        Assert.Equal(id, Assert.Single(unfinished).Id);
    }

    [Fact]
    public async Task A_placed_upload_stays_unfinished_until_settled()
    {
        var id = await CompleteUnplacedAsync(StoreFixture.Bytes(1000));
        var target = Path.Combine(_fixture.Folder, "out.bin");
        await _fixture.Store.PlaceAsync(id, [target], replace: false, CancellationToken.None);

        var before = await _fixture.Restart().UnfinishedAsync(CancellationToken.None).ToListAsync();
        await _fixture.Store.SettleAsync(id, CancellationToken.None);
        var after = await _fixture.Restart().UnfinishedAsync(CancellationToken.None).ToListAsync();

        Assert.True(Assert.Single(before).Unsettled);
        Assert.Empty(after);
    }

    [Fact]
    public async Task A_crash_between_the_rename_and_its_record_is_finished_on_load()
    {
        var content = StoreFixture.Bytes(1000);
        var id = await CompleteUnplacedAsync(content);
        var target = Path.Combine(_fixture.Folder, "out.bin");
        // The disk state the crash leaves: the intent record written, the data renamed to the target, the placed record never
        // written.
        var complete = RecordFile.Read(_fixture.RecordPath(id))!;
        RecordFile.Write(_fixture.RecordPath(id), complete with { PlacingPath = target }, durable: true);
        File.Move(_fixture.DataPath(id), target);

        var lookup = await _fixture.Restart().FindAsync(id, CancellationToken.None);

        Assert.Equal(UploadPresence.Found, lookup.Presence);
        Assert.Equal(target, lookup.Info!.PlacedPath);
        Assert.True(lookup.Info.Unsettled);
        Assert.Equal(content, File.ReadAllBytes(target));
    }
}
