using System.IO.Hashing;
using System.Security.Cryptography;
using Baton.Protocol.Archives;
using Baton.Testing;

namespace Baton.Protocol.Tests.Archives;

/// <summary>
/// Archives of real folders written by <see cref="ZipWriter"/> and read back by independent readers (Info-ZIP unzip and
/// zipinfo, Python's zipfile): nested folders, an empty folder, an empty file, Unicode names. Every byte range equals the
/// same slice of the whole archive; the same folder state gives the same bytes and tag, a touched file another tag.
/// </summary>
public sealed class ZipWriterTests : IDisposable
{
    private static readonly DateTime Stamp = new(2024, 5, 6, 7, 8, 11, DateTimeKind.Utc);
    private readonly TempDirectory _temp = new("baton-zip-");
    private readonly string _root;

    public ZipWriterTests()
    {
        _root = _temp.Combine("folder");
        Directory.CreateDirectory(_root);
        var files = new (string Name, int Length)[]
        {
            ("photos/2024/a.jpg", 100_000), ("photos/b.txt", 7), ("docs/deep/er/x.bin", 1 << 20), ("报告/季度 报告.pdf", 3_000),
            ("😀.png", 1), ("Zoë.txt", 42), ("zero.dat", 0), ("photos/2024/c d.raw", 65_537),
        };
        var seed = 1;
        foreach (var (name, length) in files)
        {
            _temp.WriteRandomFile(Path.Combine("folder", name), length, seed++);
            File.SetLastWriteTimeUtc(Path.Combine(_root, name), Stamp.AddMinutes(seed));
        }
        Directory.CreateDirectory(Path.Combine(_root, "empty"));
        Directory.CreateDirectory(Path.Combine(_root, "docs/nothing/here"));
        Directory.SetLastWriteTimeUtc(Path.Combine(_root, "empty"), Stamp);
    }

    public void Dispose() => _temp.Dispose();

    private static async Task<byte[]> WriteAsync(ZipPlan plan, IZipContent content, long offset, long count)
    {
        using var output = new MemoryStream();
        await ZipWriter.WriteAsync(plan, offset, count, content, output, CancellationToken.None);
        return output.ToArray();
    }

    private async Task<(ZipPlan Plan, byte[] Bytes, FolderZipContent Content)> WholeAsync()
    {
        var plan = ZipPlan.Create(FolderZipContent.Scan(_root));
        var content = new FolderZipContent(_root);
        return (plan, await WriteAsync(plan, content, 0, plan.Length), content);
    }

    [Fact]
    public async Task Archive_of_a_real_folder_passes_unzip_zipinfo_and_python()
    {
        var (plan, bytes, content) = await WholeAsync();
        Assert.Equal(plan.Length, bytes.Length);
        Assert.Empty(content.ComputedOnDemand);                // every CRC was computed on the way
        var archive = _temp.Combine("a.zip");
        await File.WriteAllBytesAsync(archive, bytes);

        var unzip = await ZipTools.UnzipTestAsync(archive);
        Assert.Contains("No errors detected", unzip);
        var zipinfo = await ZipTools.ZipInfoAsync(archive);
        Assert.DoesNotContain("warning", zipinfo, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("error", zipinfo, StringComparison.OrdinalIgnoreCase);

        var python = await ZipTools.PythonAsync(archive, test: true);
        Assert.Null(python.Bad);
        Assert.Equal(plan.Entries.Select(e => e.Name), python.Entries.Select(e => e.Name));
        Assert.Contains("empty/", python.Entries.Select(e => e.Name));
        Assert.Contains("docs/nothing/here/", python.Entries.Select(e => e.Name));
        Assert.DoesNotContain("docs/", python.Entries.Select(e => e.Name));   // not empty: implied by its files
        foreach (var entry in python.Entries)
        {
            Assert.Equal(0, entry.Method);                     // stored
            Assert.Equal(entry.Size, entry.Csize);
            Assert.Equal(0x0800, entry.Flags & 0x0800);        // UTF-8 names
            Assert.Equal(3, entry.System);                     // made by UNIX
            if (!entry.Is_dir)
            {
                var data = await File.ReadAllBytesAsync(Path.Combine(_root, entry.Name));
                Assert.Equal(data.Length, entry.Size);
                Assert.Equal(Crc32.HashToUInt32(data), entry.Crc);
                var utc = File.GetLastWriteTimeUtc(Path.Combine(_root, entry.Name));
                Assert.Equal([utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second / 2 * 2], entry.Date_time);
            }
        }
    }

    [Fact]
    public async Task Unzip_restores_tree_bytes_and_times()
    {
        var (_, bytes, _) = await WholeAsync();
        var archive = _temp.Combine("a.zip");
        await File.WriteAllBytesAsync(archive, bytes);
        var target = _temp.Combine("out");
        await ZipTools.RunAsync("unzip", ["-q", archive, "-d", target], expectSuccess: true);

        var original = Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(_root, p)).Order(StringComparer.Ordinal).ToList();
        var extracted = Directory.EnumerateFileSystemEntries(target, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(target, p)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(original, extracted);
        foreach (var file in original.Where(p => File.Exists(Path.Combine(_root, p))))
        {
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(Path.Combine(_root, file))), SHA256.HashData(File.ReadAllBytes(Path.Combine(target, file))));
            // The extended timestamp restores the exact second (DOS time alone would be even seconds in some zone).
            Assert.Equal(TruncateToSecond(File.GetLastWriteTimeUtc(Path.Combine(_root, file))), File.GetLastWriteTimeUtc(Path.Combine(target, file)));
        }
    }

    private static DateTime TruncateToSecond(DateTime value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));

    [Fact]
    public async Task Every_range_equals_the_same_slice_of_the_whole()
    {
        var (plan, whole, _) = await WholeAsync();
        var random = new Random(20240506);
        for (var i = 0; i < 300; i++)
        {
            var offset = random.NextInt64(plan.Length + 1);
            var count = i % 3 == 0 ? plan.Length - offset : random.NextInt64(Math.Min(plan.Length - offset, 70_000) + 1);
            // A fresh source each time: CRCs not computed in this range must come from the source, as after a restart.
            var part = await WriteAsync(plan, new FolderZipContent(_root), offset, count);
            Assert.True(whole.AsSpan((int)offset, (int)count).SequenceEqual(part), $"range {offset}+{count} differs");
        }
    }

    [Fact]
    public async Task A_range_asks_the_source_only_for_crcs_of_entries_it_does_not_send_whole()
    {
        var plan = ZipPlan.Create(FolderZipContent.Scan(_root));
        var index = plan.Entries.ToList().FindIndex(e => e.Name == "photos/2024/a.jpg");
        var layout = plan.Layout(index);
        var content = new FolderZipContent(_root);
        var middle = layout.LocalOffset + layout.LocalHeaderLength + 1000;

        await WriteAsync(plan, content, middle, plan.Length - middle);

        // a.jpg is cut (its descriptor needs the CRC), and the central directory needs the entries before it.
        var expected = plan.Entries.Take(index + 1).Where(e => e.Length > 0).Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, content.ComputedOnDemand.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Same_folder_state_gives_identical_bytes_and_tag_and_a_touch_changes_the_tag()
    {
        var (first, firstBytes, _) = await WholeAsync();
        var (second, secondBytes, _) = await WholeAsync();
        Assert.Equal(first.ETag, second.ETag);
        Assert.Equal(firstBytes, secondBytes);

        File.SetLastWriteTimeUtc(Path.Combine(_root, "photos/b.txt"), Stamp.AddHours(1));
        var (touched, touchedBytes, _) = await WholeAsync();
        Assert.NotEqual(first.ETag, touched.ETag);
        Assert.Equal(first.Length, touched.Length);
        Assert.NotEqual(firstBytes, touchedBytes);
    }

    [Fact]
    public async Task Writing_allocates_nothing_in_proportion_to_entries_or_bytes()
    {
        var many = ZipPlan.Create(Enumerable.Range(0, 50_000).Select(i => ZipPlanTests.FileOf($"d/{i:d6}", i % 2)));
        var big = ZipPlan.Create([ZipPlanTests.FileOf("big", 1L << 31)]);
        foreach (var plan in new[] { many, big, many, big })
        {
            // Everything completes synchronously here (Stream.Null, data from memory), so the thread's counter sees it all.
            var before = GC.GetAllocatedBytesForCurrentThread();
            var write = ZipWriter.WriteAsync(plan, 0, plan.Length, new ZeroContent(), Stream.Null, CancellationToken.None);
            Assert.True(write.IsCompletedSuccessfully);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            await write;
            // Per file with data: the counting stream and a CRC-32 state (~200 bytes); nothing per generated header or byte.
            var dataEntries = plan.Entries.Count(e => e.Length > 0);
            Assert.True(allocated < 128 * 1024 + dataEntries * 256, $"{allocated} bytes allocated for {plan.Entries.Count} entries");
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(+1)]
    public async Task A_source_that_sends_other_than_the_planned_length_fails_the_write(int difference)
    {
        var plan = ZipPlan.Create(FolderZipContent.Scan(_root));
        var content = new MiscountingContent(new FolderZipContent(_root), difference);
        await Assert.ThrowsAsync<InvalidDataException>(() => WriteAsync(plan, content, 0, plan.Length));
    }

    /// <summary>A file that changed length behind the plan's back: sends one byte more or fewer than asked.</summary>
    private sealed class MiscountingContent(IZipContent inner, int difference) : IZipContent
    {
        public ValueTask CopyAsync(ZipEntry entry, long offset, long count, Stream destination, CancellationToken cancellationToken) =>
            difference < 0 ? inner.CopyAsync(entry, offset, Math.Max(0, count + difference), destination, cancellationToken)
                : CopyMoreAsync(entry, offset, count, destination, cancellationToken);

        private async ValueTask CopyMoreAsync(ZipEntry entry, long offset, long count, Stream destination, CancellationToken cancellationToken)
        {
            await inner.CopyAsync(entry, offset, count, destination, cancellationToken);
            await destination.WriteAsync(new byte[difference], cancellationToken);
        }

        public ValueTask<uint> GetCrc32Async(ZipEntry entry, CancellationToken cancellationToken) => inner.GetCrc32Async(entry, cancellationToken);
    }
}
