using System.Security.Cryptography;
using Baton.Storage.Files;
using static Baton.Storage.Conformance.ConformanceData;

namespace Baton.Storage.Conformance;

/// <summary>
/// The content index (<see cref="IContentIndex"/>) and upload adoption (<see cref="IUploadAdoption"/>) every backend provides for
/// instant uploads and dedupe (issue 15): names recorded per content, and an empty upload taking a stored file's bytes — only the
/// verified version of it — so that either name can go without harming the other.
/// </summary>
public abstract class ContentAdoptionConformance : IAsyncLifetime
{
    protected BackendUnderTest Backend { get; private set; } = null!;

    private StoreCapabilities Store => StoreCapabilities.Discover(Backend.Services.Uploads);

    private IUploadAdoption Adoption => Store.Adoption ?? throw new InvalidOperationException("every Baton backend adopts stored content");

    protected abstract Task<BackendUnderTest> CreateBackendAsync();

    public async Task InitializeAsync() => Backend = await CreateBackendAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    private async Task<StoredContent> StoredAsync(string name, byte[] content)
    {
        await Backend.WriteFileAsync(name, content);
        var stat = await Backend.Services.Files.StatAsync(FileContents.PathOf(name), default);
        return new StoredContent(FileContents.PathOf(name), stat!.Version!.Value, SHA256.HashData(content));
    }

    [Fact]
    public async Task The_index_returns_the_names_added_for_a_content_until_they_are_removed()
    {
        var index = Backend.Services.Contents;
        Assert.IsNotType<NoContentIndex>(index);
        var key = ContentKey.Of(SHA256.HashData(Bytes(10)), 10);
        var other = key with { Length = 11 };

        await index.AddAsync(key, FileContents.PathOf("a/b c.bin"), default);
        await index.AddAsync(key, FileContents.PathOf("d.bin"), default);
        await index.AddAsync(key, FileContents.PathOf("d.bin"), default);

        Assert.Equal(["a/b c.bin", "d.bin"], (await index.NamesAsync(key, 16, default)).Select(n => n.ToString()).Order());
        Assert.Empty(await index.NamesAsync(other, 16, default));
        await index.RemoveAsync(key, FileContents.PathOf("a/b c.bin"), default);
        Assert.Equal(["d.bin"], (await index.NamesAsync(key, 16, default)).Select(n => n.ToString()));
        await index.RemoveAsync(key, FileContents.PathOf("d.bin"), default);
        Assert.Empty(await index.NamesAsync(key, 16, default));
    }

    [Fact]
    public async Task An_empty_upload_adopts_a_stored_file_and_either_name_can_go_without_harming_the_other()
    {
        var content = Bytes(70_000, seed: 40);
        var source = await StoredAsync("source.bin", content);
        var upload = await Store.Core.CreateAsync(new NewUpload(content.Length), default);

        var adopted = await Adoption.AdoptAsync(upload.Id, source, default);

        Assert.True(adopted!.IsComplete);
        Assert.Equal(SHA256.HashData(content), adopted.Sha256);
        Assert.Equal(SHA256.HashData(content), await Store.Placement!.DigestAsync(upload.Id, default));
        var placed = await Store.Placement.PlaceAsync(upload.Id, [Backend.PlacementTarget("copy.bin")], replace: false, default);
        Assert.NotNull(placed?.PlacedPath);
        Assert.Equal(content, await FileContents.ReadAllAsync(Backend.Services.Files, "copy.bin"));

        var deletion = Backend.Services.Files.Capabilities.Deletion!;
        Assert.Equal(DeletionOutcome.Deleted, await deletion.DeleteAsync(source.Name, source.Version, default));
        Assert.Equal(content, await FileContents.ReadAllAsync(Backend.Services.Files, "copy.bin"));
    }

    [Fact]
    public async Task A_file_replaced_after_its_version_was_verified_is_not_adopted()
    {
        var content = Bytes(5000, seed: 41);
        var verified = await StoredAsync("changing.bin", content);
        await Backend.WriteFileAsync("changing.bin", Bytes(5000, seed: 42));
        var upload = await Store.Core.CreateAsync(new NewUpload(content.Length), default);

        Assert.Null(await Adoption.AdoptAsync(upload.Id, verified, default));

        var after = (await Store.Core.FindAsync(upload.Id, default)).Info!;
        Assert.Equal(0, after.Offset);
        // The upload goes on as an ordinary one.
        var done = await Store.Core.AppendAsync(upload.Id, Append(0, content), default);
        Assert.True(done.Info!.IsComplete);
        Assert.Equal(SHA256.HashData(content), await Store.Placement!.DigestAsync(upload.Id, default));
    }

    [Fact]
    public async Task An_upload_of_another_length_or_with_bytes_received_adopts_nothing()
    {
        var content = Bytes(5000, seed: 43);
        var source = await StoredAsync("stored.bin", content);
        var longer = await Store.Core.CreateAsync(new NewUpload(content.Length + 1), default);
        var started = await Store.Core.CreateAsync(new NewUpload(content.Length), default);
        await Store.Core.AppendAsync(started.Id, Append(0, content[..100]), default);

        Assert.Null(await Adoption.AdoptAsync(longer.Id, source, default));
        Assert.Null(await Adoption.AdoptAsync(started.Id, source, default));
        Assert.Equal(100, (await Store.Core.FindAsync(started.Id, default)).Info!.Offset);
        Assert.Equal(content, await FileContents.ReadAllAsync(Backend.Services.Files, "stored.bin"));
    }
}
