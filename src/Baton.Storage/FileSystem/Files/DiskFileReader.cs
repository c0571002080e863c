using Baton.Storage.Files;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem.Files;

/// <summary>An open disk file: positional reads (<c>pread</c>) on one handle, so concurrent ranges share it without seeking.</summary>
public sealed class DiskFileReader : IFileReader
{
    private readonly SafeFileHandle _handle;
    private readonly string _fullPath;
    private readonly TimeProvider _time;

    internal DiskFileReader(SafeFileHandle handle, string fullPath, FileVersion version, TimeProvider time)
    {
        _handle = handle;
        _fullPath = fullPath;
        _time = time;
        Version = version;
    }

    public FileVersion Version { get; }

    public ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellation) =>
        RandomAccess.ReadAsync(_handle, destination, offset, cancellation);

    public Stream OpenRange(long offset, long length) => new DiskRangeStream(_handle, offset, length);

    public ValueTask<FileVersion> CurrentVersionAsync(CancellationToken cancellation) =>
        ValueTask.FromResult(DiskVersions.From(DiskStatus.Of(_handle, _fullPath), _time.GetUtcNow()));

    public ValueTask DisposeAsync()
    {
        _handle.Dispose();
        return ValueTask.CompletedTask;
    }
}
