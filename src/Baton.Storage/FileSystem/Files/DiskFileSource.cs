using Baton.Protocol.Paths;
using Baton.Storage.Files;
using Microsoft.Win32.SafeHandles;

namespace Baton.Storage.FileSystem.Files;

/// <summary>The files below a <see cref="DiskRoot"/>: stat by <c>statx(2)</c>, reads by positional I/O on one open handle.</summary>
public sealed partial class DiskFileSource : IFileSource, IFileDeletion
{
    private readonly DiskRoot _root;
    private readonly TimeProvider _time;

    public DiskFileSource(DiskRoot root, TimeProvider time)
    {
        _root = root;
        _time = time;
        Capabilities = FileSourceCapabilities.Discover(this, atomicConditionalDeletion: false);
    }

    public FileSourceCapabilities Capabilities { get; }

    public ValueTask<FileStat?> StatAsync(RelativePath name, CancellationToken cancellation) =>
        ValueTask.FromResult(_root.Resolve(name) is { } real ? Stat(name, real) : null);

    public ValueTask<IFileReader?> OpenAsync(RelativePath name, CancellationToken cancellation) =>
        ValueTask.FromResult<IFileReader?>(Open(name));

    public ValueTask<IReadOnlyList<FileStat>?> ListAsync(RelativePath folder, CancellationToken cancellation)
    {
        if (_root.Resolve(folder) is not { } real || DiskStatus.OfPath(real) is not { IsDirectory: true })
        {
            return ValueTask.FromResult<IReadOnlyList<FileStat>?>(null);
        }
        var entries = new List<FileStat>();
        foreach (var entry in new DirectoryInfo(real).EnumerateFileSystemInfos())
        {
            var child = folder.Append(entry.Name);
            // Dangling links, links out of the root and the state folder resolve to nothing: not listed.
            if (_root.Resolve(child) is { } childReal && Stat(child, childReal) is { } stat)
            {
                entries.Add(stat);
            }
        }
        return ValueTask.FromResult<IReadOnlyList<FileStat>?>(entries);
    }

    public ValueTask<DeletionOutcome> DeleteAsync(RelativePath name, FileVersion expected, CancellationToken cancellation)
    {
        if (name.IsRoot || _root.Resolve(name) is not { } real || Stat(name, real) is not { Kind: FileKind.File, Version: { } now })
        {
            return ValueTask.FromResult(DeletionOutcome.NotFound);
        }
        if (now.ETag.Opaque != expected.ETag.Opaque)
        {
            return ValueTask.FromResult(DeletionOutcome.Changed);
        }
        try
        {
            File.Delete(real);
            return ValueTask.FromResult(DeletionOutcome.Deleted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ValueTask.FromResult(DeletionOutcome.Failed);
        }
    }

    private DiskFileReader? Open(RelativePath name)
    {
        // Check the kind before opening: opening a FIFO for reading would block until a writer appears.
        if (name.IsRoot || _root.Resolve(name) is not { } real || DiskStatus.OfPath(real) is not { IsRegularFile: true })
        {
            return null;
        }
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return null;
        }
        // Validators come from the open handle, so they describe the bytes that will be read.
        var status = DiskStatus.Of(handle, real);
        if (!status.IsRegularFile)
        {
            handle.Dispose();
            return null;
        }
        return new DiskFileReader(handle, real, DiskVersions.From(status, _time.GetUtcNow()), _time);
    }

    private FileStat? Stat(RelativePath name, string real)
    {
        if (DiskStatus.OfPath(real) is not { } status)
        {
            return null;
        }
        if (status.IsRegularFile)
        {
            return new FileStat(name, FileKind.File, status.LastModified, DiskVersions.From(status, _time.GetUtcNow()));
        }
        return new FileStat(name, status.IsDirectory ? FileKind.Directory : FileKind.Other, status.LastModified, null);
    }
}
