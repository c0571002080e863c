using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Baton.Server.Digests;

/// <summary>
/// Files waiting to be hashed in the background. Bounded and de-duplicated: asking twice for the same path queues it once,
/// and when the queue is full a request is dropped (it is asked for again on the next download of that file).
/// </summary>
public sealed class DigestQueue
{
    private readonly Channel<string> _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);

    public void Enqueue(string fullPath)
    {
        if (_pending.TryAdd(fullPath, 0) && !_channel.Writer.TryWrite(fullPath))
        {
            _pending.TryRemove(fullPath, out _);
        }
    }

    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellation) => _channel.Reader.ReadAllAsync(cancellation);

    public void Done(string fullPath) => _pending.TryRemove(fullPath, out _);
}
