using Baton.Client.Downloads;

namespace Baton.Client.Tests.Downloads;

public class SegmentMapTests
{
    private const long MiB = 1 << 20;

    [Fact]
    public void Plan_tiles_the_file_with_one_segment_per_connection()
    {
        var map = SegmentMap.Plan(10 * MiB + 3, 4, MiB);

        var segments = map.Snapshot();
        Assert.Equal(4, segments.Count);
        Assert.Equal(0, segments[0].Start);
        Assert.Equal(10 * MiB + 3, segments[^1].End);
        for (var i = 1; i < segments.Count; i++)
        {
            Assert.Equal(segments[i - 1].End, segments[i].Start);
        }
        Assert.All(segments, s => Assert.Equal(s.Start, s.Written));
    }

    [Fact]
    public void Plan_gives_a_small_file_fewer_segments_than_connections()
    {
        Assert.Equal(1, SegmentMap.Plan(MiB / 2, 8, MiB).Count);
        Assert.Equal(3, SegmentMap.Plan(3 * MiB, 8, MiB).Count);
        Assert.Equal(1, SegmentMap.Plan(0, 8, MiB).Count);
    }

    [Fact]
    public void A_finished_connection_steals_half_of_the_largest_remainder()
    {
        var map = SegmentMap.Plan(8 * MiB, 2, MiB);
        var first = map.TryTake()!;
        var second = map.TryTake()!;
        // The first connection finishes its half; the second has written 1 MiB of its 4.
        Assert.Equal((int)(4 * MiB), map.Claim(first, (int)(4 * MiB)));
        map.Commit(first, first.Claimed);
        map.Claim(second, (int)MiB);
        map.Commit(second, second.Claimed);
        map.Release(first);

        var stolen = map.TryTake();

        Assert.NotNull(stolen);
        Assert.Equal(5 * MiB + (3 * MiB / 2), stolen.Start);
        Assert.Equal(8 * MiB, stolen.End);
        Assert.Equal(stolen.Start, second.End);
        Assert.Equal(3, map.Count);
    }

    [Fact]
    public void The_victim_cannot_write_past_its_shortened_end()
    {
        var map = SegmentMap.Plan(4 * MiB, 1, MiB);
        var only = map.TryTake()!;
        var stolen = map.TryTake()!;

        var claimed = map.Claim(only, (int)(3 * MiB));

        Assert.Equal(2 * MiB, stolen.Start);
        Assert.Equal((int)(2 * MiB), claimed);
    }

    [Fact]
    public void Nothing_is_stolen_below_twice_the_minimum_split()
    {
        var map = SegmentMap.Plan(3 * MiB / 2, 1, MiB);
        Assert.NotNull(map.TryTake());
        Assert.Null(map.TryTake());
    }

    [Fact]
    public async Task Concurrent_connections_with_stealing_write_every_byte_exactly_once()
    {
        const int length = 1_000_003;
        var map = SegmentMap.Plan(length, 3, 4096);
        var writes = new int[length];
        // All eight connections ask for work before any writes, so five of them must steal from the three planned segments.
        using var start = new Barrier(8);
        var workers = Enumerable.Range(0, 8).Select(w => Task.Factory.StartNew(() =>
        {
            var random = new Random(w);
            var segment = map.TryTake();
            start.SignalAndWait();
            for (; segment is not null; segment = map.TryTake())
            {
                while (!segment.IsComplete)
                {
                    var position = segment.Claimed;
                    var n = map.Claim(segment, random.Next(1, 20000));
                    if (n == 0)
                    {
                        break;
                    }
                    for (var i = 0; i < n; i++)
                    {
                        Interlocked.Increment(ref writes[position + i]);
                    }
                    map.Commit(segment, position + n);
                }
                map.Release(segment);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(workers);

        Assert.True(map.IsComplete);
        Assert.Equal(length, map.BytesWritten);
        Assert.All(writes, count => Assert.Equal(1, count));
        Assert.True(map.Count >= 8, "idle connections should have stolen work");
    }

    [Fact]
    public void Restore_accepts_a_consistent_map()
    {
        var map = SegmentMap.Restore(100, [new(0, 40, 10), new(40, 100, 100)], 10);
        Assert.NotNull(map);
        Assert.Equal(70, map.BytesWritten);
    }

    public static TheoryData<SegmentState[]> Inconsistent => new()
    {
        new SegmentState[] { new(0, 40, 10), new(50, 100, 50) },      // gap
        new SegmentState[] { new(0, 60, 10), new(50, 100, 50) },      // overlap
        new SegmentState[] { new(0, 40, 41), new(40, 100, 40) },      // written beyond end
        new SegmentState[] { new(0, 40, -1), new(40, 100, 40) },      // written before start
        new SegmentState[] { new(0, 40, 0), new(40, 120, 40) },       // beyond the file
        new SegmentState[] { new(0, 40, 0) },                         // does not cover the file
        new SegmentState[] { new(10, 100, 10) },                      // does not start at 0
        Array.Empty<SegmentState>(),
    };

    [Theory]
    [MemberData(nameof(Inconsistent))]
    public void Restore_rejects_an_inconsistent_map(SegmentState[] saved)
    {
        Assert.Null(SegmentMap.Restore(100, saved, 10));
    }
}
