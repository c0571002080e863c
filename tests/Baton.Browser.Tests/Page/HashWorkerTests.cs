using System.Security.Cryptography;
using Baton.Testing;

namespace Baton.Browser.Tests.Page;

/// <summary>
/// The page's SHA-256 (web/sha256/sha256.c, compiled to WebAssembly; issue 15 item 6) against .NET's, at the lengths where a
/// hand-written SHA-256 goes wrong: the padding boundaries (55/56/64 bytes), the module's 2 MiB input buffer, and the
/// worker's 2 MiB read buffers. Through the real worker in Chromium (the SIMD build), and both committed modules in Node fed
/// in uneven pieces (the scalar build runs where an engine lacks wasm SIMD, which Chromium never does).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class HashWorkerTests(ChromiumFixture chromium)
{
    private const int MiB = 1024 * 1024;
    private static readonly long[] Lengths = [0, 1, 3, 55, 56, 57, 63, 64, 65, 127, 128, 1000, 2 * MiB - 1, 2 * MiB, 2 * MiB + 1, 5 * MiB + 13];

    [Fact]
    public async Task The_hash_worker_gives_the_sha256_of_files_of_every_boundary_length()
    {
        using var folder = new TempDirectory();
        var files = Lengths.Select(length => folder.WriteRandomFile($"f{length}.bin", length, seed: (int)(length % 1000) + 1)).ToArray();
        await using var server = await BatonTestServer.StartAsync();
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        await session.GotoAsync();
        var input = (await session.Page.EvaluateHandleAsync("""
            () => { const input = document.createElement('input'); input.type = 'file'; input.multiple = true; document.body.append(input); return input; }
            """)).AsElement()!;
        await input.SetInputFilesAsync(files);

        var digests = await input.EvaluateAsync<string[]>("""
            (input) => new Promise((resolve, reject) => {
              const worker = new Worker('/assets/hash-worker.js', { type: 'module' });
              const files = [...input.files];
              const digests = new Array(files.length);
              const hashed = new Array(files.length).fill(0);
              let left = files.length;
              const fail = (why) => { worker.terminate(); reject(new Error(`${why}; hashed per job: ${hashed.join(', ')}`)); };
              // A worker that fails to load or dies answers nothing: fail with what is known instead of hanging the suite.
              worker.onerror = (event) => fail(`worker error: ${event.message || event.type}`);
              const timer = setTimeout(() => fail('no answer for every job within 120 s'), 120000);
              worker.onmessage = ({ data }) => {
                if (data.error) fail(`job ${data.job}: ${data.error}`);
                if (data.hashed !== undefined) hashed[data.job] = data.hashed;
                if (data.digest === undefined) return;
                digests[data.job] = data.digest;
                hashed[data.job] = files[data.job].size;
                if (--left === 0) { clearTimeout(timer); worker.terminate(); resolve(digests); }
              };
              files.forEach((file, job) => worker.postMessage({ job, file }));
            })
            """);

        Assert.Equal(files.Select(Base64Sha256), digests);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task A_hash_worker_that_cannot_run_leaves_a_known_file_uploading_normally()
    {
        // A file this browser uploaded before waits for its hash (instant.js); a worker that fails to start never answers, so
        // without its error handled that upload would wait forever.
        using var folder = new TempDirectory();
        var file = folder.WriteRandomFile("again.bin", 3 * MiB + 7, seed: 21);
        await using var server = await BatonTestServer.StartAsync();
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.Context.RouteAsync("**/assets/hash-worker.js", route => route.FulfillAsync(new()
        {
            Status = 200, ContentType = "text/javascript", Body = "throw new Error('the hash worker is refused by the test');",
        }));
        await session.GotoAsync();
        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("again.bin", "complete", 60_000);
        await page.RemoveTransferAsync("again.bin");
        using (var deleted = await server.Client.DeleteAsync("files/again.bin"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        }

        // Known to this browser now: added again, it would wait for a hash that never comes.
        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("again.bin", "complete", 60_000);

        Assert.Equal(FileHashes.Sha256Of(file), FileHashes.StoredSha256(server, "again.bin"));
    }

    [Theory]
    [InlineData("sha256-simd.wasm")]
    [InlineData("sha256.wasm")]
    public async Task Each_committed_module_hashes_input_fed_in_uneven_pieces(string module)
    {
        using var folder = new TempDirectory();
        var files = Lengths.Select(length => folder.WriteRandomFile($"f{length}.bin", length, seed: (int)(length % 997) + 3)).ToArray();
        // Pieces of 1 to 100 000 bytes (seeded), so the module's pending-block path runs at every offset within a block.
        const string script = """
            const fs = require('fs');
            const [wasm, ...files] = process.argv.slice(1);
            WebAssembly.instantiate(fs.readFileSync(wasm)).then(({ instance }) => {
              const { memory, buffer, init, update, final } = instance.exports;
              let seed = 42;
              const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
              for (const file of files) {
                const data = fs.readFileSync(file);
                init();
                for (let offset = 0; offset < data.length;) {
                  const piece = data.subarray(offset, offset + 1 + (next() % 100000));
                  new Uint8Array(memory.buffer, buffer(), piece.length).set(piece);
                  update(piece.length);
                  offset += piece.length;
                }
                final();
                console.log(Buffer.from(new Uint8Array(memory.buffer, buffer(), 32)).toString('base64'));
              }
            });
            """;
        var wasm = Path.Combine(BatonCli.RepositoryRoot, "web", "src", module);
        await using var node = await RunningProcess.RunAsync("node", ["-e", script, wasm, .. files]);

        Assert.True(node.ExitCode == 0, node.Output);
        Assert.Equal(files.Select(Base64Sha256), node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task The_committed_modules_are_built_from_sha256_c()
    {
        // Reviewable source, reproducible binary: build.sh --check rebuilds both with clang-14 + wasm-ld-14
        // (scripts/install-test-deps.sh installs them) and compares them byte for byte.
        await using var check = await RunningProcess.RunAsync("bash", [Path.Combine(BatonCli.RepositoryRoot, "web", "sha256", "build.sh"), "--check"]);

        Assert.True(check.ExitCode == 0, check.Output);
    }

    private static string Base64Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToBase64String(SHA256.HashData(stream));
    }
}
