namespace Baton.Storage.Tests.FileSystem;

/// <summary>Issue 11 item 7: a terminated or expired upload answers 410 after a restart too, not 404.</summary>
public sealed class FileUploadStoreTombstoneTests : IDisposable
{
    private readonly StoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task A_terminated_upload_is_still_gone_after_a_restart()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(10), default);
        await _fx.Store.TerminateAsync(created.Id, default);

        var store = _fx.Restart();

        Assert.Equal(UploadPresence.Gone, (await store.FindAsync(created.Id, default)).Presence);
        Assert.Equal(TerminationOutcome.Gone, await store.TerminateAsync(created.Id, default));
    }

    [Fact]
    public async Task An_expired_and_swept_upload_is_still_gone_after_a_restart_while_an_unknown_id_is_not_found()
    {
        var old = await _fx.Store.CreateAsync(new NewUpload(10), default);
        _fx.Time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await _fx.Store.RemoveExpiredAsync(_fx.Time.GetUtcNow(), default));

        var store = _fx.Restart();

        Assert.Equal(UploadPresence.Gone, (await store.FindAsync(old.Id, default)).Presence);
        Assert.Equal(UploadPresence.NotFound, (await store.FindAsync(new string('a', old.Id.Length), default)).Presence);
    }
}
