using System.IO.Pipelines;

namespace Baton.Storage.Conformance;

/// <summary>Bodies and contents for conformance tests.</summary>
public static class ConformanceData
{
    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static PipeReader Body(byte[] bytes) => PipeReader.Create(new MemoryStream(bytes));

    public static AppendRequest Append(long offset, byte[] bytes, ChunkVerifier? verifier = null) =>
        new(offset, Body(bytes), verifier);
}
