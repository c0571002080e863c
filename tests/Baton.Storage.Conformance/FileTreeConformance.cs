using Baton.Storage.Files;
using static Baton.Storage.Conformance.FileContents;

namespace Baton.Storage.Conformance;

/// <summary>
/// What every file source that manages folders (<see cref="IFileTree"/>, issue 14) must do: create folders (with missing
/// parents), move files and folders with their contents, refuse taken names (also up to case or normalisation) and moves into
/// themselves, delete folders recursively only when asked — and never touch the root. A backend subclasses this once it
/// implements <see cref="IFileTree"/> (disk: <c>DiskFileTreeConformanceTests</c>).
/// </summary>
public abstract class FileTreeConformance : IAsyncLifetime
{
    protected BackendUnderTest Backend { get; private set; } = null!;

    private IFileSource Files => Backend.Services.Files;

    private IFileTree Tree => Files.Capabilities.Tree ?? throw new InvalidOperationException("This source does not manage folders.");

    protected abstract Task<BackendUnderTest> CreateBackendAsync();

    public async Task InitializeAsync() => Backend = await CreateBackendAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    [Fact]
    public async Task A_created_folder_is_listed_with_its_new_parents_and_cannot_be_created_twice()
    {
        Assert.Equal(TreeOutcome.Done, await Tree.CreateFolderAsync(PathOf("a/b/c"), default));

        Assert.Equal(FileKind.Directory, (await Files.StatAsync(PathOf("a/b/c"), default))!.Kind);
        Assert.Equal(FileKind.Directory, (await Files.StatAsync(PathOf("a/b"), default))!.Kind);
        Assert.Equal(TreeOutcome.Exists, await Tree.CreateFolderAsync(PathOf("a/b/c"), default));
        Assert.Equal(TreeOutcome.Exists, await Tree.CreateFolderAsync(PathOf("A"), default));
    }

    [Fact]
    public async Task A_folder_is_not_created_below_a_file()
    {
        await Backend.WriteFileAsync("f.txt", "f"u8.ToArray());

        Assert.Equal(TreeOutcome.NotAFolder, await Tree.CreateFolderAsync(PathOf("f.txt/sub"), default));
        Assert.Equal("f", System.Text.Encoding.UTF8.GetString((await ReadAllAsync(Files, "f.txt"))!));
    }

    [Fact]
    public async Task A_moved_file_keeps_its_bytes_and_leaves_nothing_behind()
    {
        var content = ConformanceData.Bytes(70_000, seed: 4);
        await Backend.WriteFileAsync("docs/a.bin", content);

        Assert.Equal(TreeOutcome.Done, await Tree.MoveAsync(PathOf("docs/a.bin"), PathOf("archive/2024/b.bin"), false, default));

        Assert.Equal(content, await ReadAllAsync(Files, "archive/2024/b.bin"));
        Assert.Null(await Files.StatAsync(PathOf("docs/a.bin"), default));
    }

    [Fact]
    public async Task A_moved_folder_takes_its_tree_along()
    {
        await Backend.WriteFileAsync("src/x/1.bin", ConformanceData.Bytes(10, seed: 1));
        await Backend.WriteFileAsync("src/2.bin", ConformanceData.Bytes(20, seed: 2));

        Assert.Equal(TreeOutcome.Done, await Tree.MoveAsync(PathOf("src"), PathOf("dst/moved"), false, default));

        Assert.Equal(ConformanceData.Bytes(10, seed: 1), await ReadAllAsync(Files, "dst/moved/x/1.bin"));
        Assert.Equal(ConformanceData.Bytes(20, seed: 2), await ReadAllAsync(Files, "dst/moved/2.bin"));
        Assert.Null(await Files.StatAsync(PathOf("src"), default));
    }

    [Fact]
    public async Task Who_owns_a_file_follows_it_through_moves_so_quotas_still_count_it()
    {
        var owners = Backend.Services.Owners;
        await Backend.WriteFileAsync("up/a.bin", ConformanceData.Bytes(300, seed: 3));
        await Backend.WriteFileAsync("up/deep/b.bin", ConformanceData.Bytes(200, seed: 4));
        await Backend.WriteFileAsync("other.bin", ConformanceData.Bytes(50, seed: 5));
        owners.Record("up/a.bin", "alice");
        owners.Record("up/deep/b.bin", "alice");
        owners.Record("other.bin", "bob");
        Assert.Equal(500, owners.BytesOwnedBy("alice"));

        Assert.Equal(TreeOutcome.Done, await Tree.MoveAsync(PathOf("up/a.bin"), PathOf("renamed.bin"), false, default));
        Assert.Equal(TreeOutcome.Done, await Tree.MoveAsync(PathOf("up"), PathOf("moved/up"), false, default));
        Assert.Equal(TreeOutcome.Done, await Tree.MoveAsync(PathOf("renamed.bin"), PathOf("other.bin"), true, default));

        Assert.Equal("alice", owners.OwnerOf("other.bin")); // bob's file was replaced by alice's
        Assert.Equal("alice", owners.OwnerOf("moved/up/deep/b.bin"));
        Assert.Null(owners.OwnerOf("up/deep/b.bin"));
        Assert.Equal(500, owners.BytesOwnedBy("alice"));
        Assert.Equal(0, owners.BytesOwnedBy("bob"));
    }

    [Fact]
    public async Task A_taken_destination_is_kept_unless_a_file_is_overwritten()
    {
        await Backend.WriteFileAsync("a.txt", "a"u8.ToArray());
        await Backend.WriteFileAsync("b.txt", "b"u8.ToArray());
        await Backend.WriteFileAsync("folder/f.txt", "f"u8.ToArray());

        Assert.Equal(TreeOutcome.Exists, await Tree.MoveAsync(PathOf("a.txt"), PathOf("b.txt"), false, default));
        Assert.Equal("b"u8.ToArray(), await ReadAllAsync(Files, "b.txt"));
        Assert.Equal(TreeOutcome.Exists, await Tree.MoveAsync(PathOf("a.txt"), PathOf("folder"), true, default));
        Assert.Equal(TreeOutcome.Done, await Tree.MoveAsync(PathOf("a.txt"), PathOf("b.txt"), true, default));
        Assert.Equal("a"u8.ToArray(), await ReadAllAsync(Files, "b.txt"));
        Assert.Null(await Files.StatAsync(PathOf("a.txt"), default));
    }

    [Fact]
    public async Task A_folder_never_moves_into_itself()
    {
        await Backend.WriteFileAsync("top/inner/f.bin", ConformanceData.Bytes(5));

        Assert.Equal(TreeOutcome.IntoItself, await Tree.MoveAsync(PathOf("top"), PathOf("top/inner/x"), false, default));
        Assert.Equal(TreeOutcome.IntoItself, await Tree.MoveAsync(PathOf("top"), PathOf("top"), false, default));
        Assert.NotNull(await Files.StatAsync(PathOf("top/inner/f.bin"), default));
    }

    [Fact]
    public async Task A_missing_source_is_not_found()
    {
        Assert.Equal(TreeOutcome.NotFound, await Tree.MoveAsync(PathOf("missing"), PathOf("x"), false, default));
        Assert.Equal(TreeOutcome.NotFound, await Tree.DeleteFolderAsync(PathOf("missing"), true, default));
    }

    [Fact]
    public async Task A_non_empty_folder_is_deleted_only_recursively_and_a_file_never_as_a_folder()
    {
        await Backend.WriteFileAsync("full/sub/f.bin", ConformanceData.Bytes(5));
        await Backend.WriteFileAsync("keep.txt", "k"u8.ToArray());
        await Backend.CreateFolderAsync("empty");

        Assert.Equal(TreeOutcome.NotEmpty, await Tree.DeleteFolderAsync(PathOf("full"), false, default));
        Assert.NotNull(await Files.StatAsync(PathOf("full/sub/f.bin"), default));
        Assert.Equal(TreeOutcome.Done, await Tree.DeleteFolderAsync(PathOf("full"), true, default));
        Assert.Equal(TreeOutcome.Done, await Tree.DeleteFolderAsync(PathOf("empty"), false, default));
        Assert.Equal(TreeOutcome.NotFound, await Tree.DeleteFolderAsync(PathOf("keep.txt"), true, default));

        Assert.Null(await Files.StatAsync(PathOf("full"), default));
        Assert.Null(await Files.StatAsync(PathOf("empty"), default));
        Assert.NotNull(await Files.StatAsync(PathOf("keep.txt"), default));
    }

    [Fact]
    public async Task The_root_is_never_moved_or_deleted()
    {
        await Backend.WriteFileAsync("f.txt", "f"u8.ToArray());

        Assert.Equal(TreeOutcome.NotFound, await Tree.DeleteFolderAsync(Baton.Protocol.Paths.RelativePath.Root, true, default));
        Assert.Equal(TreeOutcome.NotFound, await Tree.MoveAsync(Baton.Protocol.Paths.RelativePath.Root, PathOf("x"), false, default));
        Assert.NotNull(await Files.StatAsync(PathOf("f.txt"), default));
    }
}
