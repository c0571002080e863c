using System.Diagnostics;
using Baton.Storage.Conformance;
using Baton.Storage.Files;
using Baton.Storage.S3.Tests.Conformance;
using Xunit.Abstractions;
using static Baton.Storage.Conformance.FileContents;

namespace Baton.Storage.S3.Tests.Files;

/// <summary>A folder move of more keys than one <c>ListObjectsV2</c> page (1000) moves every one; the time it took is written to
/// the test output (docs/storage-s3.md quotes it).</summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class S3FolderMoveScaleTests(RgwFixture rgw, ITestOutputHelper output)
{
    [Fact]
    public async Task A_folder_of_more_than_one_listing_page_moves_whole()
    {
        const int count = 1_005;
        await using var backend = new S3BackendUnderTest(rgw.Engine);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => await backend.WriteFileAsync($"src/{i % 5}/{i}.bin", ConformanceData.Bytes(1024, seed: i)));
        var files = backend.Services.Files;

        var clock = Stopwatch.StartNew();
        Assert.Equal(TreeOutcome.Done, await files.Capabilities.Tree!.MoveAsync(PathOf("src"), PathOf("dst"), false, default));
        output.WriteLine($"moved {count} files of 1 KiB in {clock.Elapsed.TotalSeconds:F1} s");

        var moved = 0;
        for (var folder = 0; folder < 5; folder++)
        {
            moved += (await files.ListAsync(PathOf($"dst/{folder}"), default))!.Count(e => e.Kind == FileKind.File);
        }
        Assert.Equal(count, moved);
        Assert.Null(await files.StatAsync(PathOf("src"), default));
        Assert.Equal(ConformanceData.Bytes(1024, seed: 1004), await ReadAllAsync(files, "dst/4/1004.bin"));
    }
}
