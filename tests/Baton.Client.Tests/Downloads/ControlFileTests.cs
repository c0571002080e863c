using Baton.Client.Downloads;
using Baton.Testing;

namespace Baton.Client.Tests.Downloads;

public class ControlFileTests
{
    private static DownloadState Sample() => new()
    {
        Url = "http://127.0.0.1:1/a.bin",
        FinalUrl = "http://127.0.0.1:1/b.bin",
        ETag = "\"abc\"",
        LastModified = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero),
        Length = 1000,
        ReprDigest = "sha-256=:AAAA:",
        Segments = [new(0, 500, 100), new(500, 1000, 1000)],
    };

    [Fact]
    public void Saved_state_loads_back_identically()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("x.part.baton");

        ControlFile.Save(path, Sample());
        var loaded = ControlFile.TryLoad(path);

        Assert.NotNull(loaded);
        Assert.Equal(Sample() with { Segments = loaded.Segments }, loaded);
        Assert.Equal(Sample().Segments, loaded.Segments);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Every_truncation_of_a_control_file_loads_as_nothing_or_as_a_state_the_map_rejects()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("x.part.baton");
        ControlFile.Save(path, Sample());
        var bytes = File.ReadAllBytes(path);

        for (var length = 0; length < bytes.Length; length++)
        {
            File.WriteAllBytes(path, bytes[..length]);
            var loaded = ControlFile.TryLoad(path);
            Assert.True(loaded is null || SegmentMap.Restore(loaded.Length, loaded.Segments, 1) is null,
                $"a control file truncated to {length} bytes was trusted");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0\0\0\0")]
    [InlineData("{\"version\":1}")]
    [InlineData("{\"version\":99,\"url\":\"u\",\"finalUrl\":\"u\",\"length\":1,\"segments\":[]}")]
    [InlineData("[1,2,3]")]
    [InlineData("not json at all")]
    public void A_corrupt_control_file_loads_as_nothing(string content)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("x.part.baton");
        File.WriteAllText(path, content);

        Assert.Null(ControlFile.TryLoad(path));
    }
}
