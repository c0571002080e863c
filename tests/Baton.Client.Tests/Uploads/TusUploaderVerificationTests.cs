using Baton.Client.Transfers;
using Baton.Client.Uploads;
using Baton.Testing;

namespace Baton.Client.Tests.Uploads;

/// <summary>
/// End-to-end verification (the stored file's Repr-Digest against the local file's SHA-256) and when chunks carry
/// Upload-Checksum, against real Baton and a fake tus server on 127.0.0.1.
/// </summary>
public sealed class TusUploaderVerificationTests : IDisposable
{
    private const int MiB = 1 << 20;
    private readonly TempDirectory _dir = new();

    private UploadOptions Options(ChunkChecksums checksums = ChunkChecksums.Auto, int parallel = 1) => new()
    {
        ChunkSize = MiB,
        Parallel = parallel,
        ChunkChecksums = checksums,
        StateDirectory = _dir.Combine("state"),
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Baton_uploads_are_verified_and_auto_sends_no_chunk_checksums(int parallel)
    {
        var recorder = new ChunkChecksumRecorder();
        await using var baton = await BatonTestServer.StartAsync(services: recorder.Install);
        var source = _dir.WriteRandomFile("verified.bin", 5 * MiB + 123);
        using var http = new HttpClient();

        var result = await new TusUploader(http).UploadAsync(source, baton.Url("uploads/"), Options(parallel: parallel));

        Assert.True(result.Verified);
        Assert.Equal(parallel, result.Parts);
        Assert.NotEmpty(recorder.Patches);
        Assert.All(recorder.Patches, Assert.Null);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(baton.Root.Combine("verified.bin")));
    }

    [Fact]
    public async Task Always_sends_a_sha256_checksum_with_every_chunk_to_Baton_and_still_verifies()
    {
        var recorder = new ChunkChecksumRecorder();
        await using var baton = await BatonTestServer.StartAsync(services: recorder.Install);
        var source = _dir.WriteRandomFile("always.bin", 3 * MiB + 5);
        using var http = new HttpClient();

        var result = await new TusUploader(http).UploadAsync(source, baton.Url("uploads/"), Options(ChunkChecksums.Always));

        Assert.True(result.Verified);
        // Against Baton the creation is digest-first and carries no content (issue 15), so all four chunks are PATCHes.
        Assert.Equal(4, recorder.Patches.Count);
        Assert.All(recorder.Patches, c => Assert.StartsWith("sha256 ", c));
    }

    [Fact]
    public async Task Auto_sends_chunk_checksums_to_a_server_that_offers_them_without_a_file_digest()
    {
        await using var server = await FakeTusServer.StartAsync();
        var source = _dir.WriteRandomFile("plain.bin", 2 * MiB + 9);
        using var http = new HttpClient();

        var result = await new TusUploader(http).UploadAsync(source, server.Endpoint, Options());

        Assert.False(result.Verified);
        Assert.Equal(3, server.Patches.Count);
        Assert.All(server.Patches, c => Assert.StartsWith("sha256 ", c));
    }

    [Fact]
    public async Task Never_sends_no_chunk_checksums_even_when_they_are_the_only_check()
    {
        await using var server = await FakeTusServer.StartAsync();
        var source = _dir.WriteRandomFile("never.bin", 2 * MiB);
        using var http = new HttpClient();

        await new TusUploader(http).UploadAsync(source, server.Endpoint, Options(ChunkChecksums.Never));

        Assert.Equal(2, server.Patches.Count);
        Assert.All(server.Patches, Assert.Null);
    }

    [Fact]
    public async Task A_stored_file_that_differs_from_the_local_one_fails_verification()
    {
        await using var server = await FakeTusServer.StartAsync(fileDigest: true, corrupt: true);
        var source = _dir.WriteRandomFile("damaged.bin", 2 * MiB + 1);
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<TransferException>(() => new TusUploader(http).UploadAsync(source, server.Endpoint, Options()));

        Assert.Equal(TransferFailure.VerificationFailed, error.Failure);
        Assert.Contains("differs from the local file's", error.Message);
        Assert.All(server.Patches, Assert.Null);
    }

    [Fact]
    public async Task An_intact_stored_file_on_a_file_digest_server_is_verified()
    {
        await using var server = await FakeTusServer.StartAsync(fileDigest: true);
        var source = _dir.WriteRandomFile("intact.bin", 2 * MiB + 1);
        using var http = new HttpClient();

        var result = await new TusUploader(http).UploadAsync(source, server.Endpoint, Options());

        Assert.True(result.Verified);
    }

    public void Dispose() => _dir.Dispose();
}
