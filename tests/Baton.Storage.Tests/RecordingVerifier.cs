using Baton.Protocol.Problems;

namespace Baton.Storage.Tests;

/// <summary>A verifier that keeps the bytes it is fed and answers a fixed verdict; <see cref="Seen"/> completes once it has
/// been fed <c>signalAt</c> bytes.</summary>
public sealed class RecordingVerifier(ProtocolError? verdict, long signalAt = long.MaxValue) : ChunkVerifier
{
    private readonly MemoryStream _bytes = new();
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public byte[] Bytes => _bytes.ToArray();

    public int Verdicts { get; private set; }

    public bool Disposed { get; private set; }

    public Task Seen => _seen.Task;

    public override void Append(ReadOnlySpan<byte> bytes)
    {
        _bytes.Write(bytes);
        if (_bytes.Length >= signalAt)
        {
            _seen.TrySetResult();
        }
    }

    public override ProtocolError? Verdict()
    {
        Verdicts++;
        return verdict;
    }

    protected override void Dispose(bool disposing) => Disposed = true;
}
