using System.Buffers.Binary;
using System.Text;

namespace Baton.Protocol.Archives;

/// <summary>Appends little-endian fields (ZIP's byte order, APPNOTE §4.4.1.1) to a span.</summary>
internal ref struct LittleEndianWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;

    public int Position { get; private set; }

    public void Byte(byte value) => _destination[Position++] = value;

    public void UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_destination[Position..], value);
        Position += 2;
    }

    public void UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_destination[Position..], value);
        Position += 4;
    }

    public void UInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_destination[Position..], value);
        Position += 8;
    }

    public void Utf8(string value) => Position += Encoding.UTF8.GetBytes(value, _destination[Position..]);
}
