using System.IO.Pipelines;
using Baton.Protocol.Problems;
using Baton.Storage.FileSystem;

namespace Baton.Storage.Tests.FileSystem;

public sealed class FileUploadStoreAppendTests : IDisposable
{
    private readonly StoreFixture _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public async Task Append_stores_bytes_and_records_the_new_offset()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(10), default);
        Assert.True(UploadIds.IsWellFormed(created.Id));

        var first = await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body("hello"u8.ToArray())), default);
        var second = await _fx.Store.AppendAsync(created.Id, new AppendRequest(5, StoreFixture.Body("world"u8.ToArray())), default);

        Assert.Equal(AppendOutcome.Appended, first.Outcome);
        Assert.Equal(5, first.Info!.Offset);
        Assert.Equal(10, second.Info!.Offset);
        Assert.True(second.Info.IsComplete);
        Assert.Equal("helloworld"u8.ToArray(), File.ReadAllBytes(_fx.DataPath(created.Id)));
        Assert.Contains("\"Offset\":10", File.ReadAllText(_fx.RecordPath(created.Id)));
    }

    [Fact]
    public async Task Append_at_another_offset_is_refused_and_writes_nothing()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(10), default);
        await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body("abc"u8.ToArray())), default);

        var result = await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body("XYZ"u8.ToArray())), default);

        Assert.Equal(AppendOutcome.OffsetMismatch, result.Outcome);
        Assert.Equal(3, result.Info!.Offset);
        Assert.Equal("abc"u8.ToArray(), File.ReadAllBytes(_fx.DataPath(created.Id)));
    }

    [Fact]
    public async Task Bytes_past_the_length_discard_the_whole_chunk()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(4), default);

        var result = await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body("12345"u8.ToArray())), default);

        Assert.Equal(AppendOutcome.LengthExceeded, result.Outcome);
        Assert.Equal(0, result.Info!.Offset);
        Assert.Equal(0, new FileInfo(_fx.DataPath(created.Id)).Length);
    }

    [Fact]
    public async Task Size_cap_applies_while_the_length_is_deferred()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(null), default);

        var result = await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(new byte[11]), MaxLength: 10), default);

        Assert.Equal(AppendOutcome.LengthExceeded, result.Outcome);
        Assert.Equal(0, result.Info!.Offset);
    }

    [Fact]
    public async Task A_refused_chunk_is_discarded_and_the_offset_is_unchanged()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(6), default);
        await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body("abc"u8.ToArray())), default);
        var verifier = new RecordingVerifier(ProtocolErrors.ChecksumMismatch);

        var result = await _fx.Store.AppendAsync(created.Id, new AppendRequest(3, StoreFixture.Body("def"u8.ToArray()), verifier), default);

        Assert.Equal(AppendOutcome.Rejected, result.Outcome);
        Assert.Equal(ProtocolErrors.ChecksumMismatch, result.Rejection);
        Assert.Equal("def"u8.ToArray(), verifier.Bytes); // the verifier saw exactly the chunk
        Assert.True(verifier.Disposed);
        Assert.Equal(3, result.Info!.Offset);
        Assert.Equal("abc"u8.ToArray(), File.ReadAllBytes(_fx.DataPath(created.Id)));
    }

    [Fact]
    public async Task An_interrupted_append_keeps_what_arrived()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(100), default);
        var body = PipeReader.Create(new FailingStream(StoreFixture.Bytes(40)), new StreamPipeReaderOptions(bufferSize: 16));

        var result = await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, body), default);

        Assert.Equal(AppendOutcome.Interrupted, result.Outcome);
        Assert.Equal(40, result.Info!.Offset);
        Assert.Equal(StoreFixture.Bytes(40), File.ReadAllBytes(_fx.DataPath(created.Id)));
    }

    [Fact]
    public async Task An_interrupted_append_with_a_checksum_keeps_nothing()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(100), default);
        var body = PipeReader.Create(new FailingStream(StoreFixture.Bytes(40)), new StreamPipeReaderOptions(bufferSize: 16));
        var accept = new RecordingVerifier(null);

        var result = await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, body, accept), default);

        Assert.Equal(AppendOutcome.Interrupted, result.Outcome);
        Assert.Equal(0, result.Info!.Offset);
        Assert.Equal(0, new FileInfo(_fx.DataPath(created.Id)).Length);
        Assert.Equal(0, accept.Verdicts); // an incomplete chunk is never judged, only dropped
    }

    [Fact]
    public async Task A_long_append_checkpoints_its_offset_before_it_ends()
    {
        using var fx = new StoreFixture(o => o with { CheckpointBytes = 64 * 1024 });
        var created = await fx.Store.CreateAsync(new NewUpload(1024 * 1024), default);
        var pipe = new Pipe();
        var append = fx.Store.AppendAsync(created.Id, new AppendRequest(0, pipe.Reader), default);

        await pipe.Writer.WriteAsync(StoreFixture.Bytes(200 * 1024));
        await pipe.Writer.FlushAsync();
        // The record on disk (what a restart would read) moves forward while the append is still running.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        UploadInfo? onDisk = null;
        while (DateTime.UtcNow < deadline)
        {
            onDisk = System.Text.Json.JsonSerializer.Deserialize<UploadInfo>(ReadShared(fx.RecordPath(created.Id)));
            if (onDisk?.Offset >= 64 * 1024)
            {
                break;
            }
            await Task.Delay(20);
        }
        Assert.False(append.IsCompleted);
        Assert.True(onDisk?.Offset >= 64 * 1024, $"checkpointed offset {onDisk?.Offset}");

        await pipe.Writer.CompleteAsync();
        var result = await append;
        Assert.Equal(200 * 1024, result.Info!.Offset);
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    [Fact]
    public async Task Ten_concurrent_appends_at_one_offset_have_exactly_one_winner()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(1000), default);
        var bodies = Enumerable.Range(0, 10).Select(i => StoreFixture.Bytes(100, seed: i)).ToArray();

        var results = await Task.WhenAll(bodies.Select(b => Task.Run(() => _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(b)), default))));

        var winners = results.Where(r => r.Outcome == AppendOutcome.Appended).ToList();
        Assert.Single(winners);
        Assert.Equal(9, results.Count(r => r.Outcome == AppendOutcome.OffsetMismatch));
        var winner = Array.FindIndex(results, r => r.Outcome == AppendOutcome.Appended);
        Assert.Equal(bodies[winner], File.ReadAllBytes(_fx.DataPath(created.Id)));
    }

    [Fact]
    public async Task A_second_append_stops_a_stalled_one_which_keeps_what_it_received()
    {
        var created = await _fx.Store.CreateAsync(new NewUpload(1000), default);
        var stalled = new Pipe();
        await stalled.Writer.WriteAsync(StoreFixture.Bytes(100));
        var first = _fx.Store.AppendAsync(created.Id, new AppendRequest(0, stalled.Reader), default);

        // The client of the first request vanished without the connection noticing; the second asks it to stop.
        var second = await _fx.Store.AppendAsync(created.Id, new AppendRequest(0, StoreFixture.Body(StoreFixture.Bytes(100, 9))), default);
        var firstResult = await first;

        Assert.Equal(AppendOutcome.Interrupted, firstResult.Outcome);
        Assert.Equal(100, firstResult.Info!.Offset);
        Assert.Equal(AppendOutcome.OffsetMismatch, second.Outcome);
        Assert.Equal(100, second.Info!.Offset);
        var third = await _fx.Store.AppendAsync(created.Id, new AppendRequest(100, StoreFixture.Body(StoreFixture.Bytes(900, 3))), default);
        Assert.Equal(AppendOutcome.Appended, third.Outcome);
        Assert.Equal([.. StoreFixture.Bytes(100), .. StoreFixture.Bytes(900, 3)], File.ReadAllBytes(_fx.DataPath(created.Id)));
    }
}
