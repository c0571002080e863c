using System.Security.Cryptography;

namespace Baton.Storage.FileSystem;

/// <summary>
/// SHA-256 of an upload computed while its bytes arrive, valid while <see cref="Offset"/> equals the committed offset.
/// Anything that breaks the line-up (a discarded chunk, a restart) drops it; the file is then hashed once at placement.
/// </summary>
internal sealed class RunningDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Offset { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        Offset += bytes.Length;
    }

    public byte[] Finish() => _hash.GetHashAndReset();

    public void Dispose() => _hash.Dispose();

    /// <summary>Hashes a whole file with a pooled buffer.</summary>
    public static async Task<byte[]> HashFileAsync(string path, CancellationToken cancellation)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return await SHA256.HashDataAsync(stream, cancellation).ConfigureAwait(false);
    }
}
