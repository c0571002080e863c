namespace Baton.Storage.FileSystem.Writing;

/// <summary>
/// What an append's bytes feed besides the file: the upload's running SHA-256 (for <c>Repr-Digest</c> once complete) and the
/// chunk's verifier (tus checksum). Each byte once, in order, from the very bytes that go to the disk.
/// </summary>
internal sealed class AppendHashes(RunningDigest? digest, ChunkVerifier? verifier)
{
    public void Append(ReadOnlySpan<byte> bytes)
    {
        digest?.Append(bytes);
        verifier?.Append(bytes);
    }
}
