using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Baton.Server.Hosting;

/// <summary>Gives Kestrel <see cref="LargeBlockMemoryPool"/>s (through .NET 10's <see cref="IMemoryPoolFactory{T}"/>). Kestrel
/// creates more than one pool per server (two with one HTTP/1.1 endpoint); they share one bound on large blocks in use.</summary>
public sealed class LargeBlockMemoryPoolFactory(int blockSize) : IMemoryPoolFactory<byte>
{
    public const int DefaultBlockSize = 64 * 1024;

    private readonly LargeBlockCount _largeInUse = new();

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool(blockSize, _largeInUse);
}
