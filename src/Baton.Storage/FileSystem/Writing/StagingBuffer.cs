using System.Runtime.InteropServices;

namespace Baton.Storage.FileSystem.Writing;

/// <summary>
/// Native memory aligned for O_DIRECT: open(2) requires the buffer address, file offset and length to be multiples of the
/// device's logical block size; <see cref="Alignment"/> (4096) covers every common device and the page size.
/// </summary>
internal sealed unsafe class StagingBuffer : IDisposable
{
    public const int Alignment = 4096;

    private byte* _pointer;

    public StagingBuffer(int size)
    {
        if (size <= 0 || size % Alignment != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"a positive multiple of {Alignment}");
        }
        _pointer = (byte*)NativeMemory.AlignedAlloc((nuint)size, Alignment);
        Size = size;
    }

    public int Size { get; }

    public Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer == null, this);
            return new Span<byte>(_pointer, Size);
        }
    }

    public void Dispose()
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }
}
