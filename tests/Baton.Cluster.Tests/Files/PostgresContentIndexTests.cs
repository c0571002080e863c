using System.Security.Cryptography;
using System.Text;
using Baton.Cluster.Files;
using Baton.Cluster.Tests.Postgres;
using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Cluster.Tests.Files;

/// <summary><c>baton_files</c> as the content index (schema step 4): names found by content (SHA-256 and size both count), a name
/// recorded anew holds its new content only, and removing a stale hint leaves what the name holds since.</summary>
public sealed class PostgresContentIndexTests
{
    private static readonly ContentKey Hello = Key("hello");
    private static readonly ContentKey World = Key("world");

    private static ContentKey Key(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return ContentKey.Of(SHA256.HashData(bytes), bytes.Length);
    }

    private static RelativePath Name(string path) => RelativePath.TryParse(path, allowHidden: true, out var name) == PathCheck.Valid
        ? name
        : throw new ArgumentException(path);

    private static async Task<string[]> NamesAsync(PostgresContentIndex index, ContentKey content, int limit = 10) =>
        [.. (await index.NamesAsync(content, limit, CancellationToken.None)).Select(n => n.ToString())];

    [Fact]
    public async Task Names_are_added_found_by_content_and_removed()
    {
        var (database, _) = await MigratedDatabase.CreateAsync();
        await using var _ = database;
        var index = new PostgresContentIndex(database.DataSource);

        await index.AddAsync(Hello, Name("a/one.txt"), CancellationToken.None);
        await index.AddAsync(Hello, Name("two.txt"), CancellationToken.None);
        await index.AddAsync(Hello, Name("two.txt"), CancellationToken.None); // recorded twice: still one entry
        await index.AddAsync(World, Name("other.txt"), CancellationToken.None);

        Assert.Equal(["a/one.txt", "two.txt"], await NamesAsync(index, Hello));
        Assert.Single(await NamesAsync(index, Hello, limit: 1));
        Assert.Empty(await NamesAsync(index, Hello with { Length = Hello.Length + 1 })); // same digest, other length: other content

        await index.RemoveAsync(Hello, Name("a/one.txt"), CancellationToken.None);
        Assert.Equal(["two.txt"], await NamesAsync(index, Hello));
        Assert.Equal(["other.txt"], await NamesAsync(index, World));
    }

    [Fact]
    public async Task A_name_recorded_with_new_content_leaves_the_old_and_a_stale_removal_keeps_the_new()
    {
        var (database, _) = await MigratedDatabase.CreateAsync();
        await using var _ = database;
        var index = new PostgresContentIndex(database.DataSource);
        await index.AddAsync(Hello, Name("file.txt"), CancellationToken.None);

        await index.AddAsync(World, Name("file.txt"), CancellationToken.None); // the file was replaced
        Assert.Empty(await NamesAsync(index, Hello));
        await index.RemoveAsync(Hello, Name("file.txt"), CancellationToken.None); // a reader dropping its stale hint

        Assert.Equal(["file.txt"], await NamesAsync(index, World));
    }
}
