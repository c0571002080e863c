using System.Security.Cryptography;
using static Baton.Storage.Conformance.ConformanceData;

namespace Baton.Storage.Conformance;

/// <summary>What every upload store must do (tus 1.0 core and extensions, IETF Resumable Uploads), whatever holds the bytes.</summary>
public abstract class UploadStoreConformance : IAsyncLifetime
{
    protected BackendUnderTest Backend { get; private set; } = null!;

    private StoreCapabilities Store => StoreCapabilities.Discover(Backend.Services.Uploads);

    /// <summary>A fresh backend over empty storage.</summary>
    protected abstract Task<BackendUnderTest> CreateBackendAsync();

    public async Task InitializeAsync() => Backend = await CreateBackendAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    [Fact]
    public async Task Appends_advance_the_offset_and_the_upload_completes_byte_exact()
    {
        var content = Bytes(100_000);
        var info = await Store.Core.CreateAsync(new NewUpload(content.Length, "filename dGVzdA=="), default);
        Assert.Equal(0, info.Offset);

        var first = await Store.Core.AppendAsync(info.Id, Append(0, content[..40_000]), default);
        Assert.Equal(AppendOutcome.Appended, first.Outcome);
        Assert.Equal(40_000, first.Info!.Offset);
        Assert.False(first.Info.IsComplete);

        var second = await Store.Core.AppendAsync(info.Id, Append(40_000, content[40_000..]), default);
        Assert.Equal(AppendOutcome.Appended, second.Outcome);
        Assert.True(second.Info!.IsComplete);

        var found = await Store.Core.FindAsync(info.Id, default);
        Assert.Equal(UploadPresence.Found, found.Presence);
        Assert.Equal(content.Length, found.Info!.Offset);
        Assert.Equal("filename dGVzdA==", found.Info.Metadata);
        Assert.Equal(SHA256.HashData(content), await Store.Placement!.DigestAsync(info.Id, default));
    }

    [Fact]
    public async Task An_append_at_the_wrong_offset_changes_nothing()
    {
        var info = await Store.Core.CreateAsync(new NewUpload(10), default);
        await Store.Core.AppendAsync(info.Id, Append(0, Bytes(4)), default);

        var result = await Store.Core.AppendAsync(info.Id, Append(2, Bytes(4)), default);

        Assert.Equal(AppendOutcome.OffsetMismatch, result.Outcome);
        Assert.Equal(4, (await Store.Core.FindAsync(info.Id, default)).Info!.Offset);
    }

    [Fact]
    public async Task A_body_past_the_length_is_refused_and_discarded()
    {
        var info = await Store.Core.CreateAsync(new NewUpload(10), default);

        var result = await Store.Core.AppendAsync(info.Id, Append(0, Bytes(11)), default);

        Assert.Equal(AppendOutcome.LengthExceeded, result.Outcome);
        Assert.Equal(0, (await Store.Core.FindAsync(info.Id, default)).Info!.Offset);
    }

    [Fact]
    public async Task A_chunk_failing_its_checksum_is_discarded_and_the_offset_is_unchanged()
    {
        var info = await Store.Core.CreateAsync(new NewUpload(20), default);
        await Store.Core.AppendAsync(info.Id, Append(0, Bytes(5, seed: 1)), default);
        var chunk = Bytes(5, seed: 2);

        var rejected = await Store.Core.AppendAsync(info.Id, Append(5, chunk, new Sha256Verifier(new byte[32])), default);
        Assert.Equal(AppendOutcome.Rejected, rejected.Outcome);
        Assert.Equal(5, (await Store.Core.FindAsync(info.Id, default)).Info!.Offset);

        var accepted = await Store.Core.AppendAsync(info.Id, Append(5, chunk, new Sha256Verifier(SHA256.HashData(chunk))), default);
        Assert.Equal(AppendOutcome.Appended, accepted.Outcome);
        Assert.Equal(10, accepted.Info!.Offset);
    }

    [Fact]
    public async Task A_deferred_length_is_declared_once_and_then_holds()
    {
        var deferral = Store.LengthDeferral ?? throw SkipReason("length deferral");
        var info = await Store.Core.CreateAsync(new NewUpload(null), default);
        await Store.Core.AppendAsync(info.Id, Append(0, Bytes(6)), default);

        Assert.False(await deferral.DeclareLengthAsync(info.Id, 5, default)); // less than it already holds
        Assert.True(await deferral.DeclareLengthAsync(info.Id, 8, default));
        Assert.True(await deferral.DeclareLengthAsync(info.Id, 8, default)); // the same again is fine
        Assert.False(await deferral.DeclareLengthAsync(info.Id, 9, default)); // never changed

        var done = await Store.Core.AppendAsync(info.Id, Append(6, Bytes(2)), default);
        Assert.True(done.Info!.IsComplete);
    }

    [Fact]
    public async Task Partials_concatenate_into_a_final_upload_in_order()
    {
        var concatenation = Store.Concatenation ?? throw SkipReason("concatenation");
        var a = Bytes(70_000, seed: 3);
        var b = Bytes(30_000, seed: 4);
        var first = await Store.Core.CreateAsync(new NewUpload(a.Length, Kind: UploadKind.Partial), default);
        var second = await Store.Core.CreateAsync(new NewUpload(b.Length, Kind: UploadKind.Partial), default);
        await Store.Core.AppendAsync(second.Id, Append(0, b), default);

        var final = await concatenation.CreateFinalAsync(new NewUpload(null, Kind: UploadKind.Final), [first.Id, second.Id], default);
        Assert.NotNull(final);
        Assert.False(final.IsComplete); // the first partial is still unfinished

        await Store.Core.AppendAsync(first.Id, Append(0, a), default);
        var finished = await concatenation.TryFinishAsync(final.Id, default);

        Assert.True(finished!.IsComplete);
        Assert.Equal(a.Length + b.Length, finished.Length);
        Assert.Equal(SHA256.HashData([.. a, .. b]), await Store.Placement!.DigestAsync(final.Id, default));
        Assert.Equal(AppendOutcome.FinalUpload, (await Store.Core.AppendAsync(final.Id, Append(finished.Length!.Value, [1]), default)).Outcome);
    }

    [Fact]
    public async Task A_terminated_upload_is_gone()
    {
        var termination = Store.Termination ?? throw SkipReason("termination");
        var info = await Store.Core.CreateAsync(new NewUpload(10), default);
        await Store.Core.AppendAsync(info.Id, Append(0, Bytes(3)), default);

        Assert.Equal(TerminationOutcome.Terminated, await termination.TerminateAsync(info.Id, default));

        Assert.Equal(UploadPresence.Gone, (await Store.Core.FindAsync(info.Id, default)).Presence);
        Assert.Equal(AppendOutcome.Gone, (await Store.Core.AppendAsync(info.Id, Append(3, Bytes(1)), default)).Outcome);
        Assert.Equal(UploadPresence.NotFound, (await Store.Core.FindAsync("no-such-upload", default)).Presence);
    }

    [Fact]
    public async Task Expired_uploads_are_removed_and_fresh_ones_kept()
    {
        var expiry = Store.Expiry ?? throw SkipReason("expiry");
        var old = await Store.Core.CreateAsync(new NewUpload(10), default);
        Assert.NotNull(old.ExpiresAt);

        Assert.Equal(0, await expiry.RemoveExpiredAsync(old.ExpiresAt!.Value - TimeSpan.FromMinutes(1), default));
        Assert.Equal(1, await expiry.RemoveExpiredAsync(old.ExpiresAt.Value + TimeSpan.FromMinutes(1), default));

        Assert.NotEqual(UploadPresence.Found, (await Store.Core.FindAsync(old.Id, default)).Presence);
    }

    [Fact]
    public async Task Progress_survives_a_restart()
    {
        var content = Bytes(50_000, seed: 5);
        var info = await Store.Core.CreateAsync(new NewUpload(content.Length), default);
        await Store.Core.AppendAsync(info.Id, Append(0, content[..20_000]), default);

        var restarted = StoreCapabilities.Discover((await Backend.RestartAsync()).Uploads);

        Assert.Equal(20_000, (await restarted.Core.FindAsync(info.Id, default)).Info!.Offset);
        var done = await restarted.Core.AppendAsync(info.Id, Append(20_000, content[20_000..]), default);
        Assert.True(done.Info!.IsComplete);
        Assert.Equal(SHA256.HashData(content), await restarted.Placement!.DigestAsync(info.Id, default));
    }

    [Fact]
    public async Task Placing_keeps_an_existing_file_unless_told_to_replace_it()
    {
        var placement = Store.Placement ?? throw SkipReason("placement");
        await Backend.WriteFileAsync("report.txt", "old"u8.ToArray());
        var content = Bytes(1000, seed: 6);
        var info = await Store.Core.CreateAsync(new NewUpload(content.Length), default);
        await Store.Core.AppendAsync(info.Id, Append(0, content), default);

        var placed = await placement.PlaceAsync(info.Id,
            [Backend.PlacementTarget("report.txt"), Backend.PlacementTarget("report (1).txt")], replace: false, default);

        Assert.NotNull(placed?.PlacedPath);
        Assert.Equal("old"u8.ToArray(), await FileContents.ReadAllAsync(Backend.Services.Files, "report.txt"));
        Assert.Equal(content, await FileContents.ReadAllAsync(Backend.Services.Files, "report (1).txt"));
        Assert.Equal(SHA256.HashData(content), placed!.Sha256);

        var again = Bytes(10, seed: 7);
        var second = await Store.Core.CreateAsync(new NewUpload(again.Length), default);
        await Store.Core.AppendAsync(second.Id, Append(0, again), default);
        await placement.PlaceAsync(second.Id, [Backend.PlacementTarget("report.txt")], replace: true, default);
        Assert.Equal(again, await FileContents.ReadAllAsync(Backend.Services.Files, "report.txt"));
    }

    [Fact]
    public async Task A_restart_lists_complete_unplaced_and_unsettled_uploads_until_they_are_settled()
    {
        var content = Bytes(3000, seed: 8);
        var info = await Store.Core.CreateAsync(new NewUpload(content.Length), default);
        await Store.Core.AppendAsync(info.Id, Append(0, content), default);
        var unfinished = await Store.Core.CreateAsync(new NewUpload(content.Length), default);
        await Store.Core.AppendAsync(unfinished.Id, Append(0, content[..100]), default);

        var restarted = StoreCapabilities.Discover((await Backend.RestartAsync()).Uploads);
        var recovery = restarted.Recovery ?? throw SkipReason("recovery");

        // Complete but never placed (a crash right after the last commit): listed; an upload still receiving: not.
        Assert.Equal([info.Id], await IdsAsync(recovery));
        var placed = await restarted.Placement!.PlaceAsync(info.Id, [Backend.PlacementTarget("recovered.bin")], replace: false, default);
        Assert.True(placed!.Unsettled);
        Assert.Equal([info.Id], await IdsAsync(recovery)); // placed, but owner/digest/event not yet recorded as done
        await recovery.SettleAsync(info.Id, default);
        Assert.Empty(await IdsAsync(recovery));
        Assert.False((await restarted.Core.FindAsync(info.Id, default)).Info!.Unsettled);
        Assert.Equal(content, await FileContents.ReadAllAsync(Backend.Services.Files, "recovered.bin"));
    }

    private static async Task<List<string>> IdsAsync(IUploadRecovery recovery)
    {
        var ids = new List<string>();
        await foreach (var upload in recovery.UnfinishedAsync(default))
        {
            ids.Add(upload.Id);
        }
        return ids;
    }

    /// <summary>Optional abilities are optional: a backend without one fails these tests with a clear reason, and its
    /// subclass overrides the test away only if the server does not advertise that extension either.</summary>
    private static InvalidOperationException SkipReason(string ability) =>
        new($"this backend does not implement {ability}; every Baton backend is expected to");
}
