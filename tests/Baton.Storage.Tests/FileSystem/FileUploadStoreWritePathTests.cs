using System.IO.Pipelines;
using System.Security.Cryptography;
using Baton.Protocol.Problems;

namespace Baton.Storage.Tests.FileSystem;

/// <summary>
/// Both write paths — O_DIRECT through staging buffers and buffered through the page cache — with staging buffers of two
/// blocks, so chunks and resumes land at every kind of unaligned place.
/// </summary>
public sealed class FileUploadStoreWritePathTests
{
    private const int Buffer = 8192;

    private static StoreFixture Fixture(bool direct) =>
        new(o => o with { DirectWrites = direct, StagingBufferSize = Buffer, StagingMemoryLimit = 8 * Buffer });

    /// <summary>A body delivered in reads of at most <paramref name="piece"/> bytes.</summary>
    private static PipeReader Body(byte[] bytes, int offset, int count, int piece = 1000) =>
        PipeReader.Create(new MemoryStream(bytes, offset, count), new StreamPipeReaderOptions(bufferSize: piece, minimumReadSize: piece));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Unaligned_chunks_and_resumes_store_every_byte_exactly(bool direct)
    {
        using var fx = Fixture(direct);
        int[] chunks = [1, 4095, 4097, 8191, 12345, 3, (3 * Buffer) + 7, 4096, 10000];
        var all = StoreFixture.Bytes(chunks.Sum(), seed: 5);
        var created = await fx.Store.CreateAsync(new NewUpload(all.Length), default);
        var offset = 0;
        foreach (var (size, i) in chunks.Select((s, i) => (s, i)))
        {
            if (i == 5)
            {
                fx.Restart(); // resumes after a restart read the partial block back from the file itself
            }
            var result = await fx.Store.AppendAsync(created.Id, new AppendRequest(offset, Body(all, offset, size)), default);
            Assert.Equal(AppendOutcome.Appended, result.Outcome);
            offset += size;
            Assert.Equal(offset, result.Info!.Offset);
            Assert.Equal(all[..offset], File.ReadAllBytes(fx.DataPath(created.Id)));
        }
        Assert.Equal(SHA256.HashData(all), await fx.Store.DigestAsync(created.Id, default));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_running_digest_covers_a_direct_upload_without_rereading(bool direct)
    {
        using var fx = Fixture(direct);
        var all = StoreFixture.Bytes((5 * Buffer) + 123, seed: 6);
        var created = await fx.Store.CreateAsync(new NewUpload(all.Length), default);
        await fx.Store.AppendAsync(created.Id, new AppendRequest(0, Body(all, 0, 5000)), default);
        await fx.Store.AppendAsync(created.Id, new AppendRequest(5000, Body(all, 5000, all.Length - 5000, piece: 3000)), default);

        // Damage the file behind the store's back: a digest computed from the file would differ, the running one does not.
        var expected = SHA256.HashData(all);
        File.WriteAllBytes(fx.DataPath(created.Id), new byte[all.Length]);
        Assert.Equal(expected, await fx.Store.DigestAsync(created.Id, default));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_interrupted_append_keeps_what_arrived_and_resumes_at_that_unaligned_offset(bool direct)
    {
        using var fx = Fixture(direct);
        var all = StoreFixture.Bytes(50_000, seed: 7);
        var created = await fx.Store.CreateAsync(new NewUpload(all.Length), default);
        var failing = PipeReader.Create(new FailingStream(all[..20_001]), new StreamPipeReaderOptions(bufferSize: 1500, minimumReadSize: 1500));

        var cut = await fx.Store.AppendAsync(created.Id, new AppendRequest(0, failing), default);
        var rest = await fx.Store.AppendAsync(created.Id, new AppendRequest(20_001, Body(all, 20_001, all.Length - 20_001)), default);

        Assert.Equal(AppendOutcome.Interrupted, cut.Outcome);
        Assert.Equal(20_001, cut.Info!.Offset);
        Assert.Equal(AppendOutcome.Appended, rest.Outcome);
        Assert.Equal(all, File.ReadAllBytes(fx.DataPath(created.Id)));
        Assert.Equal(SHA256.HashData(all), await fx.Store.DigestAsync(created.Id, default));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_checksum_is_fed_while_the_chunk_is_still_arriving(bool direct)
    {
        using var fx = Fixture(direct);
        var bytes = StoreFixture.Bytes(40_000, seed: 8);
        var created = await fx.Store.CreateAsync(new NewUpload(bytes.Length), default);
        var pipe = new Pipe();
        var verifier = new RecordingVerifier(null, signalAt: 3 * Buffer);
        var append = fx.Store.AppendAsync(created.Id, new AppendRequest(0, pipe.Reader, verifier), default);

        await pipe.Writer.WriteAsync(bytes.AsMemory(0, 30_000));
        await verifier.Seen.WaitAsync(TimeSpan.FromSeconds(10)); // hashed before the body ended: nothing is read back later
        Assert.False(append.IsCompleted);
        await pipe.Writer.WriteAsync(bytes.AsMemory(30_000));
        await pipe.Writer.CompleteAsync();
        var result = await append;

        Assert.Equal(AppendOutcome.Appended, result.Outcome);
        Assert.Equal(bytes.Length, result.Info!.Offset);
        Assert.Equal(bytes, verifier.Bytes);
        Assert.Equal(1, verifier.Verdicts);
        Assert.Equal(bytes, File.ReadAllBytes(fx.DataPath(created.Id)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refused_chunk_at_an_unaligned_offset_is_cut_off_and_the_next_one_lines_up(bool direct)
    {
        using var fx = Fixture(direct);
        var all = StoreFixture.Bytes(30_000, seed: 9);
        var created = await fx.Store.CreateAsync(new NewUpload(all.Length), default);
        await fx.Store.AppendAsync(created.Id, new AppendRequest(0, Body(all, 0, 5000)), default);
        var refuse = new RecordingVerifier(ProtocolErrors.ChecksumMismatch);

        var refused = await fx.Store.AppendAsync(created.Id, new AppendRequest(5000, Body(StoreFixture.Bytes(25_000, seed: 1), 0, 25_000), refuse), default);

        Assert.Equal(AppendOutcome.Rejected, refused.Outcome);
        Assert.Equal(5000, refused.Info!.Offset);
        Assert.Equal(all[..5000], File.ReadAllBytes(fx.DataPath(created.Id)));
        var accept = new RecordingVerifier(null);
        var accepted = await fx.Store.AppendAsync(created.Id, new AppendRequest(5000, Body(all, 5000, 25_000), accept), default);
        Assert.Equal(AppendOutcome.Appended, accepted.Outcome);
        Assert.Equal(all[5000..], accept.Bytes);
        Assert.Equal(all, File.ReadAllBytes(fx.DataPath(created.Id)));
        Assert.Equal(SHA256.HashData(all), await fx.Store.DigestAsync(created.Id, default));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_interrupted_chunk_with_a_checksum_is_dropped_without_a_verdict(bool direct)
    {
        using var fx = Fixture(direct);
        var created = await fx.Store.CreateAsync(new NewUpload(100_000), default);
        await fx.Store.AppendAsync(created.Id, new AppendRequest(0, Body(StoreFixture.Bytes(5000), 0, 5000)), default);
        var verifier = new RecordingVerifier(null);
        var failing = PipeReader.Create(new FailingStream(StoreFixture.Bytes(30_000, seed: 2)), new StreamPipeReaderOptions(bufferSize: 4000, minimumReadSize: 4000));

        var result = await fx.Store.AppendAsync(created.Id, new AppendRequest(5000, failing, verifier), default);

        Assert.Equal(AppendOutcome.Interrupted, result.Outcome);
        Assert.Equal(5000, result.Info!.Offset);
        Assert.Equal(0, verifier.Verdicts);
        Assert.Equal(StoreFixture.Bytes(5000), File.ReadAllBytes(fx.DataPath(created.Id)));
    }

    [Fact]
    public async Task When_staging_memory_is_used_up_appends_write_through_the_page_cache()
    {
        // Room for one direct append: a second one, running at the same time, takes the buffered path.
        using var fx = new StoreFixture(o => o with { StagingBufferSize = Buffer, StagingMemoryLimit = 2 * Buffer });
        var first = await fx.Store.CreateAsync(new NewUpload(100_000), default);
        var second = await fx.Store.CreateAsync(new NewUpload(50_000), default);
        var pipe = new Pipe();
        var running = fx.Store.AppendAsync(first.Id, new AppendRequest(0, pipe.Reader), default);
        await pipe.Writer.WriteAsync(StoreFixture.Bytes(30_000));

        var bytes = StoreFixture.Bytes(50_000, seed: 3);
        var other = await fx.Store.AppendAsync(second.Id, new AppendRequest(0, Body(bytes, 0, bytes.Length)), default);
        await pipe.Writer.WriteAsync(StoreFixture.Bytes(70_000, seed: 4));
        await pipe.Writer.CompleteAsync();
        var done = await running;

        Assert.Equal(AppendOutcome.Appended, other.Outcome);
        Assert.Equal(bytes, File.ReadAllBytes(fx.DataPath(second.Id)));
        Assert.Equal(100_000, done.Info!.Offset);
        Assert.Equal([.. StoreFixture.Bytes(30_000), .. StoreFixture.Bytes(70_000, seed: 4)], File.ReadAllBytes(fx.DataPath(first.Id)));
    }
}
