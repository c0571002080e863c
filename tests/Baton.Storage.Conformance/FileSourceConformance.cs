using Baton.Protocol.Paths;
using Baton.Storage.Files;
using static Baton.Storage.Conformance.FileContents;

namespace Baton.Storage.Conformance;

/// <summary>What every file source must do for downloads, the Files API and deletion: stat, ranges, listing, deletion, and
/// validators that change when the content changes.</summary>
public abstract class FileSourceConformance : IAsyncLifetime
{
    protected BackendUnderTest Backend { get; private set; } = null!;

    private IFileSource Files => Backend.Services.Files;

    protected abstract Task<BackendUnderTest> CreateBackendAsync();

    public async Task InitializeAsync() => Backend = await CreateBackendAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    [Fact]
    public async Task Stat_describes_a_file_and_a_folder_and_nothing_else()
    {
        var content = ConformanceData.Bytes(12_345);
        await Backend.WriteFileAsync("docs/a.bin", content);

        var file = await Files.StatAsync(PathOf("docs/a.bin"), default);
        Assert.Equal(FileKind.File, file!.Kind);
        Assert.Equal(content.Length, file.Version!.Value.Length);
        Assert.Equal("a.bin", file.Name);
        Assert.Equal(FileKind.Directory, (await Files.StatAsync(PathOf("docs"), default))!.Kind);
        Assert.Null(await Files.StatAsync(PathOf("docs/missing.bin"), default));
        Assert.Null(await Files.OpenAsync(PathOf("docs"), default)); // a folder is not opened
        Assert.Null(await Files.OpenAsync(PathOf("missing.bin"), default));
    }

    [Fact]
    public async Task Byte_ranges_read_exactly_the_bytes_asked_for()
    {
        var content = ConformanceData.Bytes(300_000, seed: 2);
        await Backend.WriteFileAsync("big.bin", content);
        await using var reader = (await Files.OpenAsync(PathOf("big.bin"), default))!;

        var buffer = new byte[1000];
        var read = await reader.ReadAsync(123_456, buffer, default);
        Assert.True(read > 0);
        Assert.Equal(content.AsSpan(123_456, read).ToArray(), buffer[..read]);

        using var range = reader.OpenRange(299_000, 1000);
        using var copy = new MemoryStream();
        await range.CopyToAsync(copy);
        Assert.Equal(content[299_000..], copy.ToArray());

        Assert.Equal(0, await reader.ReadAsync(content.Length, buffer, default)); // at the end
    }

    [Fact]
    public async Task A_listing_names_files_and_folders_with_their_versions()
    {
        await Backend.WriteFileAsync("top/one.txt", "1"u8.ToArray());
        await Backend.WriteFileAsync("top/two.txt", "22"u8.ToArray());
        await Backend.WriteFileAsync("top/sub/three.txt", "333"u8.ToArray());

        var listed = await Files.ListAsync(PathOf("top"), default);

        Assert.NotNull(listed);
        Assert.Equal(["one.txt", "sub", "two.txt"], listed.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(FileKind.Directory, listed.Single(e => e.Name == "sub").Kind);
        Assert.Equal(2, listed.Single(e => e.Name == "two.txt").Version!.Value.Length);
        Assert.Equal("top/sub", listed.Single(e => e.Name == "sub").Path.ToString());
        Assert.Null(await Files.ListAsync(PathOf("top/one.txt"), default)); // not a folder
        Assert.Null(await Files.ListAsync(PathOf("nowhere"), default));
        Assert.Contains((await Files.ListAsync(RelativePath.Root, default))!, e => e.Name == "top");
    }

    [Fact]
    public async Task Baton_state_is_never_listed_or_served()
    {
        await Backend.WriteFileAsync("visible.txt", "v"u8.ToArray());
        var info = await Backend.Services.Uploads.CreateAsync(new NewUpload(10), default); // creates state, wherever it lives
        Assert.NotNull(info);

        var root = await Files.ListAsync(RelativePath.Root, default);

        Assert.Equal(["visible.txt"], root!.Select(e => e.Name));
        Assert.Null(await Files.StatAsync(RelativePath.Root.Append(RelativePath.StateFolderName), default));
    }

    [Fact]
    public async Task The_validator_changes_when_the_content_changes()
    {
        await Backend.WriteFileAsync("v.txt", "first"u8.ToArray());
        var before = (await Files.StatAsync(PathOf("v.txt"), default))!.Version!.Value;
        var again = (await Files.StatAsync(PathOf("v.txt"), default))!.Version!.Value;
        Assert.Equal(before.ETag.Opaque, again.ETag.Opaque); // stable while nothing changes

        await Backend.WriteFileAsync("v.txt", "other"u8.ToArray()); // same length, new bytes

        var after = (await Files.StatAsync(PathOf("v.txt"), default))!.Version!.Value;
        Assert.NotEqual(before.ETag.Opaque, after.ETag.Opaque);
    }

    [Fact]
    public async Task A_reader_keeps_its_version_and_the_source_sees_the_new_one()
    {
        await Backend.WriteFileAsync("r.txt", "12345"u8.ToArray());
        await using var reader = (await Files.OpenAsync(PathOf("r.txt"), default))!;
        var opened = reader.Version;

        await Backend.WriteFileAsync("r.txt", "1234567"u8.ToArray());

        Assert.Equal(opened, reader.Version);
        Assert.Equal(7, (await Files.StatAsync(PathOf("r.txt"), default))!.Version!.Value.Length);
    }

    [Fact]
    public async Task Deletion_removes_only_the_version_it_was_asked_for()
    {
        var deletion = Files.Capabilities.Deletion ?? throw new InvalidOperationException("this backend cannot delete");
        await Backend.WriteFileAsync("d.txt", "first"u8.ToArray());
        var stale = (await Files.StatAsync(PathOf("d.txt"), default))!.Version!.Value;
        await Backend.WriteFileAsync("d.txt", "second, longer"u8.ToArray());

        Assert.Equal(DeletionOutcome.Changed, await deletion.DeleteAsync(PathOf("d.txt"), stale, default));
        Assert.NotNull(await Files.StatAsync(PathOf("d.txt"), default));

        var current = (await Files.StatAsync(PathOf("d.txt"), default))!.Version!.Value;
        Assert.Equal(DeletionOutcome.Deleted, await deletion.DeleteAsync(PathOf("d.txt"), current, default));
        Assert.Null(await Files.StatAsync(PathOf("d.txt"), default));
        Assert.Equal(DeletionOutcome.NotFound, await deletion.DeleteAsync(PathOf("d.txt"), current, default));
    }

    [Fact]
    public async Task Digests_and_owners_are_kept_per_name_and_version()
    {
        await Backend.WriteFileAsync("h.txt", "hash me"u8.ToArray());
        var version = (await Files.StatAsync(PathOf("h.txt"), default))!.Version!.Value;
        var sha = System.Security.Cryptography.SHA256.HashData("hash me"u8);

        Backend.Services.Digests.Store("h.txt", version, sha);
        Assert.True(Backend.Services.Digests.TryGet("h.txt", version, out var got));
        Assert.Equal(sha, got);

        await Backend.WriteFileAsync("h.txt", "changed!"u8.ToArray());
        var changed = (await Files.StatAsync(PathOf("h.txt"), default))!.Version!.Value;
        Assert.False(Backend.Services.Digests.TryGet("h.txt", changed, out _)); // never a digest of other bytes

        Backend.Services.Owners.Record("h.txt", "alice");
        Assert.Equal("alice", Backend.Services.Owners.OwnerOf("h.txt"));
        Assert.Equal(8, Backend.Services.Owners.BytesOwnedBy("alice"));
        Assert.Equal(0, Backend.Services.Owners.BytesOwnedBy("bob"));
        Backend.Services.Owners.Forget("h.txt");
        Assert.Null(Backend.Services.Owners.OwnerOf("h.txt"));
    }
}
