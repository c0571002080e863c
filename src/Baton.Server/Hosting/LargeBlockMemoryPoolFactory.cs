using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Baton.Server.Hosting;

/// <summary>Gives Kestrel <see cref="LargeBlockMemoryPool"/>s (through .NET 10's <see cref="IMemoryPoolFactory{T}"/>).</summary>
public sealed class LargeBlockMemoryPoolFactory(int blockSize) : IMemoryPoolFactory<byte>
{
    public const int DefaultBlockSize = 64 * 1024;

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool(blockSize);
}
