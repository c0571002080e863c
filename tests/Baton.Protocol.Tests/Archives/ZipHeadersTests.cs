using System.Buffers.Binary;
using System.Text;
using Baton.Protocol.Archives;

namespace Baton.Protocol.Tests.Archives;

/// <summary>Field by field, the generated records where the choices matter (APPNOTE.TXT §4.3, §4.4.4, §4.5.3).</summary>
public sealed class ZipHeadersTests
{
    private static ushort U16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
    private static ulong U64(byte[] b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at));

    private static byte[] Generate(ZipPlan plan, Func<ZipPlan, byte[], int> write)
    {
        var buffer = new byte[plan.MaxHeaderLength];
        return buffer[..write(plan, buffer)];
    }

    [Fact]
    public void Local_header_of_a_file_defers_crc_and_sizes_to_the_descriptor_and_flags_utf8()
    {
        var plan = ZipPlan.Create([ZipPlanTests.FileOf("报告.txt", 10)]);
        var header = Generate(plan, (p, b) => ZipHeaders.WriteLocalHeader(p, 0, b));
        var nameLength = Encoding.UTF8.GetByteCount("报告.txt");

        Assert.Equal(0x04034B50u, U32(header, 0));
        Assert.Equal(20, U16(header, 4));                       // version needed 2.0
        Assert.Equal(0x0808, U16(header, 6));                   // bit 3 (descriptor) | bit 11 (UTF-8)
        Assert.Equal(0, U16(header, 8));                        // stored
        Assert.Equal(0u, U32(header, 14));                      // CRC-32: in the descriptor
        Assert.Equal(0u, U32(header, 18));
        Assert.Equal(0u, U32(header, 22));
        Assert.Equal(nameLength, U16(header, 26));
        Assert.Equal(9, U16(header, 28));
        Assert.Equal("报告.txt", Encoding.UTF8.GetString(header, 30, nameLength));
        Assert.Equal(0x5455, U16(header, 30 + nameLength));     // extended timestamp, mtime only
        Assert.Equal(5, U16(header, 32 + nameLength));
        Assert.Equal(1, header[34 + nameLength]);
        Assert.Equal(1714979290u, U32(header, 35 + nameLength));
    }

    [Fact]
    public void Zip64_entry_has_all_ones_sizes_a_zero_zip64_extra_and_an_8_byte_descriptor()
    {
        const long length = 0x1_2345_6789L;
        var plan = ZipPlan.Create([ZipPlanTests.FileOf("big", length)]);
        var local = Generate(plan, (p, b) => ZipHeaders.WriteLocalHeader(p, 0, b));
        Assert.Equal(45, U16(local, 4));
        Assert.Equal(uint.MaxValue, U32(local, 18));
        Assert.Equal(uint.MaxValue, U32(local, 22));
        Assert.Equal(20 + 9, U16(local, 28));
        Assert.Equal(0x0001, U16(local, 33));                   // ZIP64 extra first, after the 3-byte name
        Assert.Equal(16, U16(local, 35));
        Assert.Equal(0ul, U64(local, 37));
        Assert.Equal(0ul, U64(local, 45));

        var descriptor = Generate(plan, (p, b) => ZipHeaders.WriteDataDescriptor(p, 0, 0xDEADBEEF, b));
        Assert.Equal(24, descriptor.Length);
        Assert.Equal(0x08074B50u, U32(descriptor, 0));
        Assert.Equal(0xDEADBEEFu, U32(descriptor, 4));
        Assert.Equal((ulong)length, U64(descriptor, 8));
        Assert.Equal((ulong)length, U64(descriptor, 16));

        var central = Generate(plan, (p, b) => ZipHeaders.WriteCentralHeader(p, 0, 0xDEADBEEF, b));
        Assert.Equal(0x032D, U16(central, 4));                  // made by UNIX, 4.5
        Assert.Equal(45, U16(central, 6));
        Assert.Equal(0xDEADBEEFu, U32(central, 16));
        Assert.Equal(uint.MaxValue, U32(central, 20));
        Assert.Equal(uint.MaxValue, U32(central, 24));
        Assert.Equal(0x81A40000u, U32(central, 38));            // -rw-r--r--
        Assert.Equal(0u, U32(central, 42));                     // offset fits: not in the extra
        Assert.Equal(0x0001, U16(central, 49));
        Assert.Equal(16, U16(central, 51));
        Assert.Equal((ulong)length, U64(central, 53));
        Assert.Equal((ulong)length, U64(central, 61));
    }

    [Fact]
    public void Folder_has_no_descriptor_flag_and_a_directory_mode()
    {
        var plan = ZipPlan.Create([ZipEntry.Folder("empty", new DateTimeOffset(2024, 5, 6, 7, 8, 10, TimeSpan.Zero))]);
        var local = Generate(plan, (p, b) => ZipHeaders.WriteLocalHeader(p, 0, b));
        Assert.Equal(0x0800, U16(local, 6));
        Assert.Equal("empty/", Encoding.UTF8.GetString(local, 30, 6));
        var central = Generate(plan, (p, b) => ZipHeaders.WriteCentralHeader(p, 0, 0, b));
        Assert.Equal(0x41ED0010u, U32(central, 38));            // drwxr-xr-x and the MS-DOS directory bit
    }

    [Fact]
    public void Zip64_end_records_point_at_each_other()
    {
        var plan = ZipPlan.Create(Enumerable.Range(0, 65536).Select(i => ZipPlanTests.FileOf($"f{i:x5}", 0)));
        var end = Generate(plan, (p, b) => ZipHeaders.WriteEnd(p, b));
        Assert.Equal(98, end.Length);
        Assert.Equal(0x06064B50u, U32(end, 0));
        Assert.Equal(44ul, U64(end, 4));
        Assert.Equal(65536ul, U64(end, 24));
        Assert.Equal(65536ul, U64(end, 32));
        Assert.Equal((ulong)plan.CentralDirectoryLength, U64(end, 40));
        Assert.Equal((ulong)plan.CentralDirectoryOffset, U64(end, 48));
        Assert.Equal(0x07064B50u, U32(end, 56));
        Assert.Equal((ulong)(plan.CentralDirectoryOffset + plan.CentralDirectoryLength), U64(end, 64));
        Assert.Equal(1u, U32(end, 72));
        Assert.Equal(0x06054B50u, U32(end, 76));
        Assert.Equal(0xFFFF, U16(end, 84));                     // the counts overflowed: all ones
        Assert.Equal(0xFFFF, U16(end, 86));
        Assert.Equal((uint)plan.CentralDirectoryLength, U32(end, 88));  // these fit and are given
        Assert.Equal((uint)plan.CentralDirectoryOffset, U32(end, 92));
    }
}
