using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Baton.Server.Digests;

/// <summary>
/// Files (by root-relative name) waiting to be hashed in the background. Bounded and de-duplicated: asking twice for the same name queues it once,
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

    public void Enqueue(string name)
    {
        if (_pending.TryAdd(name, 0) && !_channel.Writer.TryWrite(name))
        {
            _pending.TryRemove(name, out _);
        }
    }

    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellation) => _channel.Reader.ReadAllAsync(cancellation);

    public void Done(string name) => _pending.TryRemove(name, out _);
}
