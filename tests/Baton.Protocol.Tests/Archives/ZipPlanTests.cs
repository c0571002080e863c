using Baton.Protocol.Archives;
using Baton.Protocol.Validators;

namespace Baton.Protocol.Tests.Archives;

/// <summary>
/// <see cref="ZipPlan"/>'s byte layout, computed from entries alone: sizes and offsets of every piece (APPNOTE.TXT §4.3),
/// the ZIP64 thresholds (planned with large fake lengths, no data), the range-to-segment mapping and the ETag.
/// </summary>
public sealed class ZipPlanTests
{
    private static readonly DateTimeOffset Time = new(2024, 5, 6, 7, 8, 10, TimeSpan.Zero);

    internal static ZipEntry FileOf(string name, long length) => ZipEntry.File(name, length, Time, EntityTag.Strong("v-" + name));

    private static ZipPlan SmallPlan() => ZipPlan.Create([FileOf("e", 0), ZipEntry.Folder("d", Time), FileOf("a.txt", 10)]);

    [Fact]
    public void Small_archive_has_the_exact_layout()
    {
        var plan = SmallPlan();

        Assert.Equal(["a.txt", "d/", "e"], plan.Entries.Select(e => e.Name));
        ZipSegment[] expected =
        [
            new(ZipPart.LocalHeader, 0, 0, 30 + 5 + 9),      // fixed part, name, extended timestamp
            new(ZipPart.FileData, 0, 0, 10),
            new(ZipPart.DataDescriptor, 0, 0, 16),           // signature, CRC-32, 4-byte sizes
            new(ZipPart.LocalHeader, 1, 0, 30 + 2 + 9),      // a folder: no data, no descriptor
            new(ZipPart.LocalHeader, 2, 0, 30 + 1 + 9),      // an empty file: CRC 0 is known, no descriptor
            new(ZipPart.CentralHeader, 0, 0, 46 + 5 + 9),
            new(ZipPart.CentralHeader, 1, 0, 46 + 2 + 9),
            new(ZipPart.CentralHeader, 2, 0, 46 + 1 + 9),
            new(ZipPart.End, -1, 0, 22),
        ];
        Assert.Equal(expected, plan.Segments(0, plan.Length));
        Assert.Equal(70 + 41 + 40, plan.CentralDirectoryOffset);
        Assert.Equal(60 + 57 + 56, plan.CentralDirectoryLength);
        Assert.Equal(151 + 173 + 22, plan.Length);
        Assert.False(plan.IsZip64);
        Assert.Equal(Time, plan.LastModified);
    }

    [Fact]
    public void Empty_archive_is_the_end_record_alone()
    {
        var plan = ZipPlan.Create([]);
        Assert.Equal(22, plan.Length);
        Assert.Equal([new ZipSegment(ZipPart.End, -1, 0, 22)], plan.Segments(0, 22));
        Assert.Null(plan.LastModified);
    }

    [Theory]
    [InlineData(0xFFFF_FFFEL, 40, 16, 56, false)]           // the largest size a 32-bit field holds unambiguously
    [InlineData(0xFFFF_FFFFL, 60, 24, 76, true)]            // all ones is the ZIP64 marker: ZIP64 from here on
    [InlineData(0x1_0000_0000L, 60, 24, 76, true)]          // 4 GiB
    [InlineData(1L << 42, 60, 24, 76, true)]                // 4 TiB
    public void Entry_sizes_switch_to_zip64_at_the_32_bit_limit(long length, int local, int descriptor, int central, bool zip64)
    {
        var plan = ZipPlan.Create([FileOf("a", length)]);
        var segments = plan.Segments(0, plan.Length).ToList();

        Assert.Equal(local, segments.Single(s => s.Part == ZipPart.LocalHeader).Count);       // + ZIP64 extra (4 + 16)
        Assert.Equal(length, segments.Single(s => s.Part == ZipPart.FileData).Count);
        Assert.Equal(descriptor, segments.Single(s => s.Part == ZipPart.DataDescriptor).Count); // 8-byte sizes
        Assert.Equal(central, segments.Single(s => s.Part == ZipPart.CentralHeader).Count);     // + ZIP64 extra (4 + 16)
        Assert.Equal(zip64, plan.Layout(0).Zip64Sizes);
        Assert.Equal(local + length + descriptor, plan.CentralDirectoryOffset);
    }

    [Fact]
    public void Entry_starting_past_4GiB_carries_its_offset_in_a_central_zip64_extra_only()
    {
        var plan = ZipPlan.Create([FileOf("a", 0xFFFF_FFFFL), FileOf("b", 10), FileOf("c", 0)]);
        var b = plan.Layout(1);
        Assert.Equal(60 + 0xFFFF_FFFFL + 24, b.LocalOffset);
        Assert.False(b.Zip64Sizes);
        Assert.True(b.Zip64Offset);
        Assert.Equal(40, b.LocalHeaderLength);                 // no ZIP64 in the local header: it holds no offset
        Assert.Equal(16, b.DescriptorLength);
        Assert.Equal(56 + 4 + 8, b.CentralHeaderLength);       // the 8-byte offset
        Assert.Equal(45, b.VersionNeeded);                     // ZIP64 is used for it, so 4.5 in both headers
        Assert.True(plan.Layout(2).Zip64Offset);
        Assert.True(plan.IsZip64);                             // the central directory itself starts past 4 GiB
    }

    [Theory]
    [InlineData(65534, false, 22)]
    [InlineData(65535, true, 22 + 56 + 20)]                    // 0xFFFF in the 16-bit count is the ZIP64 marker
    [InlineData(70000, true, 22 + 56 + 20)]
    public void End_records_switch_to_zip64_at_65535_entries(int count, bool zip64, int endLength)
    {
        var plan = ZipPlan.Create(Enumerable.Range(0, count).Select(i => FileOf($"f{i:x5}", 0)));
        Assert.Equal(zip64, plan.IsZip64);
        Assert.Equal(endLength, plan.Segments(0, plan.Length).Last().Count);
        Assert.Equal(count, plan.Entries.Count);
    }

    [Fact]
    public void Central_directory_past_4GiB_makes_a_zip64_end_with_few_entries()
    {
        Assert.False(ZipPlan.Create([FileOf("a", 0xFFFF_0000L)]).IsZip64);
        Assert.True(ZipPlan.Create([FileOf("a", 0xFFFF_FFFFL)]).IsZip64);
    }

    [Fact]
    public void Segments_tile_every_range_exactly()
    {
        var plan = SmallPlan();
        var whole = plan.Segments(0, plan.Length).ToList();
        var starts = new List<long>();
        var position = 0L;
        foreach (var segment in whole)
        {
            starts.Add(position);
            position += segment.Count;
        }
        for (var offset = 0L; offset <= plan.Length; offset++)
        {
            for (var count = 0L; offset + count <= plan.Length; count++)
            {
                var cursor = offset;
                foreach (var segment in plan.Segments(offset, count))
                {
                    // Each segment is the slice of one whole-archive segment that lies at the cursor.
                    var index = whole.FindIndex(w => w.Part == segment.Part && w.Entry == segment.Entry);
                    Assert.Equal(cursor, starts[index] + segment.Offset);
                    Assert.True(segment.Count > 0 && segment.Offset + segment.Count <= whole[index].Count);
                    cursor += segment.Count;
                }
                Assert.Equal(offset + count, cursor);
            }
        }
    }

    [Fact]
    public void Ranges_deep_in_a_huge_archive_start_at_the_right_entry()
    {
        var plan = ZipPlan.Create(Enumerable.Range(0, 1000).Select(i => FileOf($"f{i:d4}", 1L << 30)));
        var target = plan.Layout(777);
        var dataStart = target.LocalOffset + target.LocalHeaderLength;

        var segments = plan.Segments(dataStart + 5, 100).ToList();
        Assert.Equal([new ZipSegment(ZipPart.FileData, 777, 5, 100)], segments);

        var central = plan.Layout(321).CentralOffset;
        Assert.Equal(new ZipSegment(ZipPart.CentralHeader, 321, 3, 7), plan.Segments(central + 3, 7).Single());
    }

    [Fact]
    public void Same_entries_in_any_order_give_the_same_plan()
    {
        var one = SmallPlan();
        var other = ZipPlan.Create([FileOf("a.txt", 10), FileOf("e", 0), ZipEntry.Folder("d/", Time)]);
        Assert.Equal(one.ETag, other.ETag);
        Assert.Equal(one.Segments(0, one.Length), other.Segments(0, other.Length));
        Assert.StartsWith("\"zip-", one.ETag.Opaque);
        Assert.False(one.ETag.IsWeak);
    }

    public static TheoryData<string, ZipEntry[]> ChangedStates => new()
    {
        { "a file renamed", [FileOf("b.txt", 10), ZipEntry.Folder("d", Time), FileOf("e", 0)] },
        { "a file grew", [FileOf("a.txt", 11), ZipEntry.Folder("d", Time), FileOf("e", 0)] },
        { "a file touched", [ZipEntry.File("a.txt", 10, Time.AddTicks(1), EntityTag.Strong("v-a.txt")), ZipEntry.Folder("d", Time), FileOf("e", 0)] },
        { "a file rewritten (new validator)", [ZipEntry.File("a.txt", 10, Time, EntityTag.Strong("w")), ZipEntry.Folder("d", Time), FileOf("e", 0)] },
        { "a folder touched", [FileOf("a.txt", 10), ZipEntry.Folder("d", Time.AddSeconds(1)), FileOf("e", 0)] },
        { "an entry added", [FileOf("a.txt", 10), ZipEntry.Folder("d", Time), FileOf("e", 0), FileOf("f", 0)] },
        { "an entry removed", [FileOf("a.txt", 10), ZipEntry.Folder("d", Time)] },
        { "a file replaced by a folder", [FileOf("a.txt", 10), ZipEntry.Folder("d", Time), ZipEntry.Folder("e", Time)] },
    };

    [Theory]
    [MemberData(nameof(ChangedStates))]
    public void Any_change_of_state_changes_the_etag(string change, ZipEntry[] entries)
    {
        Assert.True(SmallPlan().ETag.Opaque != ZipPlan.Create(entries).ETag.Opaque, change);
    }

    [Fact]
    public void A_weak_file_validator_makes_the_archive_tag_weak()
    {
        var settling = ZipEntry.File("a.txt", 10, Time, new EntityTag("\"v-a.txt\"", IsWeak: true));
        var tag = ZipPlan.Create([settling, FileOf("b", 1)]).ETag;
        Assert.True(tag.IsWeak);
        Assert.False(tag.StrongEquals(tag));                  // so If-Range never resumes it
    }

    [Fact]
    public void Duplicate_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ZipPlan.Create([FileOf("a", 1), FileOf("a", 2)]));
        Assert.Throws<ArgumentException>(() => ZipPlan.Create([ZipEntry.Folder("d", Time), ZipEntry.Folder("d/", Time)]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a\\b")]
    [InlineData("C:x")]
    [InlineData("a\0b")]
    [InlineData("x/")]                                         // a file name never ends with '/'
    [InlineData(".baton/uploads/x.json")]                      // the server's state never leaves it
    [InlineData("a/.baton")]
    public void Unsafe_entry_names_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => FileOf(name, 1));
    }

    [Fact]
    public void Ranges_outside_the_archive_are_refused()
    {
        var plan = SmallPlan();
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.Segments(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.Segments(plan.Length - 1, 2));
        Assert.Empty(plan.Segments(plan.Length, 0));
    }
}
