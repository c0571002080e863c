using System.Collections.Concurrent;
using Baton.Storage.FileSystem.Writing;
using Baton.Storage.Locking;

namespace Baton.Storage.FileSystem;

/// <summary>
/// Uploads on the local file system: per upload <c>ID.data</c> (the bytes, written in place at their offsets) and <c>ID.json</c>
/// (the record with the committed offset, replaced atomically). Bytes past the committed offset are never trusted: they are
/// cut off when an upload is first loaded after a restart, so a reported offset is never larger than the bytes held.
/// Implements every optional capability.
/// </summary>
public sealed partial class FileUploadStore :
    IUploadStore, IUploadTermination, IUploadConcatenation, IUploadLengthDeferral, IUploadPlacement, IUploadExpiry, IUploadRecovery,
    IDisposable
{
    private readonly FileUploadStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly IUploadLocker _locks;
    private readonly ConcurrentDictionary<string, UploadEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _gone = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly FolderOwnership _ownership;
    private readonly StagingBufferPool _staging;

    /// <summary>A store over <see cref="FileUploadStoreOptions.Folder"/>; <paramref name="locker"/> serialises requests per upload
    /// (in-process for one server, distributed for several sharing the folder).</summary>
    public FileUploadStore(FileUploadStoreOptions options, IUploadLocker locker, TimeProvider time)
    {
        _options = options;
        _time = time;
        _locks = locker;
        Directory.CreateDirectory(options.Folder);
        _ownership = FolderOwnership.Acquire(options.Folder);
        _staging = new StagingBufferPool(options.StagingBufferSize, options.StagingMemoryLimit);
    }

    private bool Durable => _options.Durability == Durability.Full;

    private string RecordPath(string id) => Path.Combine(_options.Folder, id + ".json");

    private string DataPath(string id) => Path.Combine(_options.Folder, id + ".data");

    /// <summary>
    /// An empty file left by a terminated or expired upload so it answers 410, not 404, after a restart too (tus §Termination,
    /// issue 11 item 7); the expiry sweep removes it one expiration period later, like any leftover without a record.
    /// </summary>
    private string TombstonePath(string id) => Path.Combine(_options.Folder, id + ".gone");

    private DateTimeOffset? NextExpiry() => _options.Expiration is { } e ? _time.GetUtcNow() + e : null;

    public Task<UploadInfo> CreateAsync(NewUpload upload, CancellationToken cancellation)
    {
        var info = new UploadInfo
        {
            Id = UploadIds.New(),
            Length = upload.Length,
            Metadata = upload.Metadata,
            Kind = upload.Kind,
            Concat = upload.Concat,
            ExpectedSha256 = upload.ExpectedSha256,
            Owner = upload.Owner,
            Scope = upload.Scope,
            CreatedAt = _time.GetUtcNow(),
            ExpiresAt = NextExpiry(),
        };
        // The data file exists from the start so an empty upload is a real (empty) file.
        using (File.Create(DataPath(info.Id)))
        {
        }
        try
        {
            RecordFile.Write(RecordPath(info.Id), info, Durable);
        }
        catch (StorageFullException)
        {
            File.Delete(DataPath(info.Id)); // no record, no upload: leave nothing behind
            throw;
        }
        _entries[info.Id] = new UploadEntry(info);
        return Task.FromResult(info);
    }

    public async Task<UploadLookup> FindAsync(string id, CancellationToken cancellation)
    {
        var entry = await LoadAsync(id, cancellation).ConfigureAwait(false);
        if (entry is null)
        {
            return _gone.ContainsKey(id) || (UploadIds.IsWellFormed(id) && File.Exists(TombstonePath(id)))
                ? UploadLookup.Gone
                : UploadLookup.NotFound;
        }
        return IsExpired(entry.Info) ? UploadLookup.Gone : new UploadLookup(UploadPresence.Found, entry.Info);
    }

    private bool IsExpired(UploadInfo info) => info.ExpiresAt is { } at && at < _time.GetUtcNow() && info.PlacedPath is null;

    /// <summary>
    /// The in-memory entry, loading the record on first use. Loading also recovers from a crash: bytes past the committed
    /// offset (written but never acknowledged) are cut off. Loads are serialised so recovery never races a writer.
    /// </summary>
    private async Task<UploadEntry?> LoadAsync(string id, CancellationToken cancellation)
    {
        if (!UploadIds.IsWellFormed(id))
        {
            return null;
        }
        if (_entries.TryGetValue(id, out var cached))
        {
            return cached;
        }
        await _loading.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (_entries.TryGetValue(id, out cached))
            {
                return cached;
            }
            var info = RecordFile.Read(RecordPath(id));
            if (info is null || info.Id != id)
            {
                return null;
            }
            if (info.PlacedPath is null && info.PlacingPath is { } target && !File.Exists(DataPath(id))
                && new FileInfo(target) is { Exists: true } moved && moved.Length == info.Offset)
            {
                // The crash fell between the rename and its record: the data is the file now.
                info = info with { PlacedPath = target, PlacingPath = null, Unsettled = true, ExpiresAt = NextExpiry() ?? info.ExpiresAt };
                RecordFile.Write(RecordPath(id), info, Durable);
            }
            FinishSharing(info);
            if (info.PlacedPath is null && !Recover(info))
            {
                // Draft §4: a server that lost part of an upload's state must deactivate it.
                _gone[id] = 0;
                return null;
            }
            var entry = new UploadEntry(info);
            _entries[id] = entry;
            return entry;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Makes the data file hold exactly the committed bytes; false when it holds fewer (state lost).</summary>
    private bool Recover(UploadInfo info)
    {
        var data = new FileInfo(DataPath(info.Id));
        if (!data.Exists)
        {
            if (info.Offset > 0)
            {
                return false;
            }
            using (File.Create(data.FullName))
            {
            }
            return true;
        }
        if (data.Length < info.Offset)
        {
            return false;
        }
        if (data.Length > info.Offset && Files.DiskStatus.LinkCount(data.FullName) > 1)
        {
            // A data file that is also a stored file's name (adopted, issue 15) is never cut: that would cut the stored file.
            // Only an empty upload can be here (a crash between linking and its record); it starts over on a fresh file.
            if (info.Offset > 0)
            {
                return false;
            }
            data.Delete();
            using (File.Create(data.FullName))
            {
            }
            return true;
        }
        if (data.Length > info.Offset)
        {
            using var handle = File.OpenHandle(data.FullName, FileMode.Open, FileAccess.ReadWrite);
            RandomAccess.SetLength(handle, info.Offset);
            if (Durable)
            {
                RandomAccess.FlushToDisk(handle);
            }
        }
        return true;
    }

    private void Save(UploadEntry entry, UploadInfo info)
    {
        RecordFile.Write(RecordPath(info.Id), info, Durable);
        entry.Info = info;
    }

    private void Remove(string id)
    {
        _gone[id] = 0;
        try
        {
            using (File.Create(TombstonePath(id)))
            {
            }
        }
        catch (IOException)
        {
            // Only the 410-after-restart is lost; the upload is removed all the same.
        }
        if (_entries.TryRemove(id, out var entry))
        {
            entry.DropDigest();
        }
        File.Delete(DataPath(id));
        File.Delete(RecordPath(id));
        _locks.Forget(id);
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            entry.DropDigest();
        }
        _loading.Dispose();
        _ownership.Dispose();
        _staging.Dispose();
    }
}
