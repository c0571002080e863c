using System.Runtime.InteropServices;
using Baton.Storage.FileSystem;
using Baton.Storage.FileSystem.Writing;

namespace Baton.Storage.Tests.FileSystem.Writing;

public sealed class DirectIoTests : IDisposable
{
    /// <summary>O_DIRECT as /proc/PID/fdinfo prints it (octal 040000 on x86, 0200000 on Arm).</summary>
    private static int ODirect => RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 0x4000 : 0x10000;

    private readonly string _folder = Directory.CreateTempSubdirectory("baton-direct-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void O_DIRECT_is_set_on_the_open_file()
    {
        using var handle = File.OpenHandle(Path.Combine(_folder, "f"), FileMode.Create, FileAccess.ReadWrite);

        Assert.True(DirectIo.TryEnable(handle));
        var fdinfo = File.ReadAllLines($"/proc/self/fdinfo/{handle.DangerousGetHandle()}");
        var flags = Convert.ToInt32(fdinfo.Single(l => l.StartsWith("flags:", StringComparison.Ordinal))[6..].Trim(), 8);
        Assert.NotEqual(0, flags & ODirect);
    }

    [Fact]
    public void A_file_system_refusing_O_DIRECT_gives_no_direct_writer_and_the_staging_back()
    {
        // procfs files cannot do O_DIRECT (fcntl F_SETFL answers EINVAL), like some FUSE and network file systems.
        using var handle = File.OpenHandle("/proc/self/stat", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var pool = new StagingBufferPool(8192, 2 * 8192);

        var writer = DirectChunkWriter.TryCreate(handle, 0, new AppendHashes(null, null), pool, 2);

        Assert.Null(writer);
        var rented = pool.TryRent(2); // the refused writer gave its buffers back
        Assert.NotNull(rented);
        pool.Return(rented);
    }
}
