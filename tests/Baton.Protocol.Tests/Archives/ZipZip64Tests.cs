using System.IO.Hashing;
using Baton.Protocol.Archives;
using Baton.Testing;

namespace Baton.Protocol.Tests.Archives;

/// <summary>
/// ZIP64 read back by Info-ZIP and Python: more than 65535 entries; entries and offsets past 4 GiB, planned with fake
/// lengths and written as a sparse file holding only the central directory; and, in the slow
/// set, a real folder holding a sparse file over 4 GiB.
/// </summary>
public sealed class ZipZip64Tests : IDisposable
{
    private const long FourGiB = 1L << 32;
    private static readonly DateTimeOffset Time = new(2024, 5, 6, 7, 8, 10, TimeSpan.Zero);
    private readonly TempDirectory _temp = new("baton-zip64-");

    public void Dispose() => _temp.Dispose();

    private static async Task WriteSparseAsync(ZipPlan plan, IZipContent content, string path, long offset)
    {
        await using var sink = new SparseFileSink(path, offset);
        await ZipWriter.WriteAsync(plan, offset, plan.Length - offset, content, sink, CancellationToken.None);
    }

    [Fact]
    public async Task More_than_65535_entries_use_a_zip64_end_that_unzip_and_python_read()
    {
        var entries = Enumerable.Range(0, 70_000).Select(i => i % 1000 == 0
            ? ZipEntry.Folder($"d{i:d5}", Time)
            : ZipPlanTests.FileOf($"f/{i:d5}", i % 7 == 0 ? 3 : 0)).ToList();
        var plan = ZipPlan.Create(entries);
        Assert.True(plan.IsZip64);
        var archive = _temp.Combine("many.zip");
        await WriteSparseAsync(plan, new ZeroContent(), archive, 0);

        Assert.Contains("No errors detected", await ZipTools.UnzipTestAsync(archive));
        var python = await ZipTools.PythonAsync(archive, test: true);
        Assert.Null(python.Bad);
        Assert.Equal(70_000, python.Entries.Count);
        Assert.Equal(plan.Entries.Select(e => e.Name), python.Entries.Select(e => e.Name));
        Assert.Equal(Crc32.HashToUInt32(new byte[3]), python.Entries.Single(e => e.Name == "f/00007").Crc);
    }

    [Fact]
    public async Task Sizes_and_offsets_past_4GiB_are_read_from_the_central_zip64_extras()
    {
        // Only the central directory and end records are written (at their offsets in a sparse file): readers that list
        // an archive read nothing else, so terabytes can be planned and checked.
        var huge = (1L << 40) + 12345;
        var plan = ZipPlan.Create([ZipPlanTests.FileOf("a/huge.bin", huge), ZipPlanTests.FileOf("b.txt", 10),
            ZipEntry.Folder("c", Time), ZipPlanTests.FileOf("d/at-4GiB.bin", FourGiB - 1)]);
        var archive = _temp.Combine("tail.zip");
        await WriteSparseAsync(plan, new DeclaredCrcContent(), archive, plan.CentralDirectoryOffset);

        var python = await ZipTools.PythonAsync(archive, test: false);
        Assert.Equal(["a/huge.bin", "b.txt", "c/", "d/at-4GiB.bin"], python.Entries.Select(e => e.Name));
        for (var i = 0; i < plan.Entries.Count; i++)
        {
            Assert.Equal(plan.Entries[i].Length, python.Entries[i].Size);
            Assert.Equal(plan.Layout(i).LocalOffset, python.Entries[i].Offset);
            Assert.Equal(plan.Entries[i].Length == 0 ? 0u : DeclaredCrcContent.CrcOf(plan.Entries[i]), python.Entries[i].Crc);
            Assert.Equal(45, python.Entries[i].Version);       // every entry uses ZIP64 (size or offset)
        }
        Assert.Equal(huge + (30 + 10 + 9 + 20) + 24, python.Entries[1].Offset);  // after a's header with its ZIP64 extra, data, descriptor

        var listing = await ZipTools.RunAsync("unzip", ["-Z", "-l", archive], expectSuccess: true);
        Assert.Contains(huge.ToString(System.Globalization.CultureInfo.InvariantCulture), listing);
        Assert.Contains("4 files", listing);
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task Real_folder_with_a_sparse_file_over_4GiB_round_trips_through_unzip_and_python()
    {
        var root = _temp.Combine("folder");
        Directory.CreateDirectory(Path.Combine(root, "big"));
        var big = Path.Combine(root, "big", "huge.bin");
        using (var file = File.OpenHandle(big, FileMode.CreateNew, FileAccess.Write))
        {
            RandomAccess.SetLength(file, FourGiB + 4097);
            RandomAccess.Write(file, "head"u8, 0);
            RandomAccess.Write(file, "middle"u8, FourGiB / 2);
            RandomAccess.Write(file, "tail"u8, FourGiB + 4093);
        }
        _temp.WriteRandomFile("folder/after/z.txt", 10_000, seed: 7);
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        var plan = ZipPlan.Create(FolderZipContent.Scan(root));
        var content = new FolderZipContent(root);
        var archive = _temp.Combine("big.zip");

        await WriteSparseAsync(plan, content, archive, 0);

        Assert.Empty(content.ComputedOnDemand);
        Assert.Contains("No errors detected", await ZipTools.UnzipTestAsync(archive));
        var python = await ZipTools.PythonAsync(archive, test: true);
        Assert.Null(python.Bad);
        Assert.Equal(["after/z.txt", "big/huge.bin", "empty/"], python.Entries.Select(e => e.Name));
        Assert.Equal(FourGiB + 4097, python.Entries[1].Size);
        Assert.True(python.Entries[2].Offset > FourGiB);
        var zipinfo = await ZipTools.ZipInfoAsync(archive);
        Assert.DoesNotContain("warning", zipinfo, StringComparison.OrdinalIgnoreCase);

        // A resumed download from the middle of the big entry gives the same bytes as the whole archive there.
        var resumeAt = plan.Layout(1).LocalOffset + FourGiB / 2 - 3;
        var resumed = _temp.Combine("resumed.part");
        await WriteSparseAsync(plan, new FolderZipContent(root), resumed, resumeAt);
        await using var whole = File.OpenRead(archive);
        await using var part = File.OpenRead(resumed);
        Assert.Equal(whole.Length, part.Length);
        Assert.True(await SameBytesFromAsync(whole, part, resumeAt), "resumed range differs from the whole archive");
    }

    /// <summary>Compares two files from <paramref name="offset"/> on, skipping the (sparse, all-zero) stretches quickly.</summary>
    private static async Task<bool> SameBytesFromAsync(FileStream one, FileStream other, long offset)
    {
        var a = new byte[1 << 20];
        var b = new byte[1 << 20];
        for (var position = offset; position < one.Length; position += a.Length)
        {
            var read = await RandomAccess.ReadAsync(one.SafeFileHandle, a, position);
            var readOther = await RandomAccess.ReadAsync(other.SafeFileHandle, b, position);
            if (read != readOther || !a.AsSpan(0, read).SequenceEqual(b.AsSpan(0, read)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>For the central-directory-only archive: a CRC per entry derived from its name, so each record is distinct
    /// and the readers' values can be checked. No data is ever copied.</summary>
    private sealed class DeclaredCrcContent : IZipContent
    {
        public static uint CrcOf(ZipEntry entry) => Crc32.HashToUInt32(System.Text.Encoding.UTF8.GetBytes(entry.Name));

        public ValueTask CopyAsync(ZipEntry entry, long offset, long count, Stream destination, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The central directory needs no data.");

        public ValueTask<uint> GetCrc32Async(ZipEntry entry, CancellationToken cancellationToken) => ValueTask.FromResult(CrcOf(entry));
    }
}
