using System.Security.Cryptography;
using Baton.Client.Uploads;
using Baton.Testing;

namespace Baton.Client.Tests.Uploads;

/// <summary>The running file digest is the file's SHA-256 whatever order, overlap or gaps the streamed bytes come in.</summary>
public sealed class UploadDigestTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Resent_overlapping_and_out_of_order_bytes_still_give_the_file_sha256()
    {
        var path = _dir.WriteRandomFile("f.bin", 300_000);
        var bytes = File.ReadAllBytes(path);
        using var digest = new UploadDigest(path);

        digest.Append(0, bytes.AsSpan(0, 100_000));
        digest.Append(50_000, bytes.AsSpan(50_000, 100_000));   // a retry re-sending part of what was hashed
        digest.Append(250_000, bytes.AsSpan(250_000, 50_000));  // out of order: left for the catch-up
        digest.Append(150_000, bytes.AsSpan(150_000, 20_000));

        Assert.Equal(170_000, digest.Position);
        Assert.Equal(SHA256.HashData(bytes), await digest.FinishAsync(bytes.Length, CancellationToken.None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData((4 << 20) - 1)]
    [InlineData(4 << 20)]
    [InlineData((10 << 20) + 7)]
    public async Task Hashing_the_whole_file_first_reads_it_in_blocks_and_gives_its_sha256(int length)
    {
        // Digest-first uploads hash the file before anything is sent: several read-ahead blocks, a short last one.
        var path = _dir.WriteRandomFile($"whole-{length}.bin", length);
        using var digest = new UploadDigest(path);

        await digest.CatchUpAsync(length, CancellationToken.None);

        Assert.Equal(length, digest.Position);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(path)), await digest.FinishAsync(length, CancellationToken.None));
    }

    [Fact]
    public async Task A_prefix_caught_up_from_the_file_joins_the_streamed_rest()
    {
        var path = _dir.WriteRandomFile("g.bin", 3 << 20);
        var bytes = File.ReadAllBytes(path);
        using var digest = new UploadDigest(path);

        await digest.CatchUpAsync(1 << 20, CancellationToken.None);
        digest.Append(1 << 20, bytes.AsSpan(1 << 20));

        Assert.Equal(bytes.Length, digest.Position);
        Assert.Equal(SHA256.HashData(bytes), await digest.FinishAsync(bytes.Length, CancellationToken.None));
    }

    public void Dispose() => _dir.Dispose();
}
