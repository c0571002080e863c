using System.IO.Pipelines;
using Baton.Storage.FileSystem;
using Baton.Storage.Locking;

namespace Baton.Storage.Tests;

/// <summary>A file-system store over a fresh temporary folder.</summary>
public sealed class StoreFixture : IDisposable
{
    public StoreFixture(Func<FileUploadStoreOptions, FileUploadStoreOptions>? adjust = null)
    {
        Folder = Directory.CreateTempSubdirectory("baton-store-").FullName;
        Options = new FileUploadStoreOptions { Folder = Path.Combine(Folder, "staging") };
        Options = adjust?.Invoke(Options) ?? Options;
        Store = new FileUploadStore(Options, Locker, Time);
    }

    public string Folder { get; }

    /// <summary>The locker the store is given (short waits so contention tests stay quick).</summary>
    public IUploadLocker Locker { get; } =
        new InProcessUploadLocker(new UploadLockOptions { Wait = TimeSpan.FromMilliseconds(200), TakeoverWait = TimeSpan.FromSeconds(5) });
    public FileUploadStoreOptions Options { get; }
    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public FileUploadStore Store { get; private set; }

    public string DataPath(string id) => Path.Combine(Options.Folder, id + ".data");
    public string RecordPath(string id) => Path.Combine(Options.Folder, id + ".json");

    /// <summary>A new store instance over the same folder, as after a process restart.</summary>
    public FileUploadStore Restart()
    {
        Store.Dispose();
        Store = new FileUploadStore(Options, Locker, Time);
        return Store;
    }

    public static PipeReader Body(byte[] bytes) => PipeReader.Create(new MemoryStream(bytes));

    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, true);
        }
        catch (IOException)
        {
        }
    }
}
