using Baton.Storage.Conformance;
using Baton.Storage.FileSystem.Files;
using Baton.Storage.Hosting;
using Baton.Storage.Locking;

namespace Baton.Storage.Tests.Conformance;

/// <summary>The disk backend over a fresh temporary root.</summary>
public sealed class DiskBackendUnderTest : BackendUnderTest
{
    private readonly string _folder = Directory.CreateTempSubdirectory("baton-disk-").FullName;
    private readonly DiskRoot _root;
    private StorageServices _services;

    public DiskBackendUnderTest()
    {
        _root = new DiskRoot(_folder);
        _services = Create();
    }

    public override StorageServices Services => _services;

    public override IUploadLocker Locker { get; } =
        new InProcessUploadLocker(new UploadLockOptions { Wait = TimeSpan.FromMilliseconds(200), TakeoverWait = TimeSpan.FromSeconds(5) });

    public override Task WriteFileAsync(string name, byte[] content)
    {
        var path = Path.Combine(_root.FullPath, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and renamed over, as editors and rsync do: a new file, never a half-written one.
        var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
        return Task.CompletedTask;
    }

    public override Task CreateFolderAsync(string name)
    {
        Directory.CreateDirectory(Path.Combine(_root.FullPath, name));
        return Task.CompletedTask;
    }

    public override string PlacementTarget(string name) => Path.Combine(_root.FullPath, name);

    public override Task<StorageServices> RestartAsync()
    {
        (_services.Uploads as IDisposable)?.Dispose();
        _services = Create();
        return Task.FromResult(_services);
    }

    public override ValueTask DisposeAsync()
    {
        (_services.Uploads as IDisposable)?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }

    private StorageServices Create() => DiskStorageBackend.Create(
        _root, new DiskStorageOptions(), Locker, new UploadRetention(Expiration), TimeProvider.System);
}
