using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Baton.Storage.FileSystem.Writing;

namespace Baton.Storage.Tests.FileSystem.Writing;

public sealed class StagingBufferPoolTests
{
    [Fact]
    public void Buffers_are_aligned_for_O_DIRECT()
    {
        using var pool = new StagingBufferPool(8192, 64 * 1024);
        var buffers = pool.TryRent(2)!;

        foreach (var buffer in buffers)
        {
            var address = Unsafe.ByteOffset(ref Unsafe.NullRef<byte>(), ref MemoryMarshal.GetReference(buffer.Span));
            Assert.Equal(0, address % StagingBuffer.Alignment);
            Assert.Equal(8192, buffer.Span.Length);
        }
        pool.Return(buffers);
    }

    [Fact]
    public void The_limit_bounds_all_buffers_and_returned_ones_are_reused()
    {
        using var pool = new StagingBufferPool(8192, 3 * 8192);
        var first = pool.TryRent(2)!;

        Assert.Null(pool.TryRent(2)); // 4 buffers would pass the limit of 3
        pool.Return(first);
        var again = pool.TryRent(2)!;
        Assert.Same(first[1], again[0]); // idle buffers come back rather than new memory
        pool.Return(again);
    }
}
