using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using Baton.Protocol.Validators;
using Baton.Server.Files;
using Baton.Server.Hosting;

namespace Baton.Server.Digests;

/// <summary>
/// Digests in memory, persisted in <c>.baton/digests</c> (one small file per path, written to a temp file and renamed) so they
/// survive restarts. An entry is only ever returned for the exact file version (ETag) it was computed for.
/// </summary>
public sealed class FileDigestCache : IFileDigestCache
{
    private readonly ConcurrentDictionary<string, Entry> _memory = new(StringComparer.Ordinal);
    private readonly Lazy<string> _folder;

    private readonly TimeProvider _time;

    public FileDigestCache(BatonRoot root, TimeProvider time)
    {
        _folder = new Lazy<string>(() => root.StateFolder("digests"));
        _time = time;
    }

    /// <summary>The version of the file at <paramref name="fullPath"/> now, or null when it is not a regular file.</summary>
    public FileVersion? VersionOf(string fullPath) =>
        FileStatus.OfPath(fullPath) is { IsRegularFile: true } status ? FileVersion.From(status, _time.GetUtcNow()) : null;

    /// <summary>The version of an open file now.</summary>
    public FileVersion VersionOf(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string fullPath) =>
        FileVersion.From(FileStatus.Of(handle, fullPath), _time.GetUtcNow());

    public void Record(string fullPath, byte[] sha256)
    {
        // The recorder (an upload that just completed) wrote these bytes itself, so even a fresh version is recorded.
        if (VersionOf(fullPath) is { } version)
        {
            Store(fullPath, version, sha256);
        }
    }

    /// <summary>Records a digest for a version the caller has in hand (computed from an open handle).</summary>
    public void Store(string fullPath, FileVersion version, byte[] sha256)
    {
        var entry = new Entry(version.ETag, sha256);
        _memory[fullPath] = entry;
        try
        {
            var file = SidecarPath(fullPath);
            var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, version.ETag + "\n" + Convert.ToHexStringLower(sha256) + "\n" + fullPath + "\n");
            File.Move(temp, file, overwrite: true);
        }
        catch (IOException)
        {
            // The cache is an optimisation: a read-only or full disk only means recomputing after a restart.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public bool TryGet(string fullPath, FileVersion version, out byte[] sha256)
    {
        if (!_memory.TryGetValue(fullPath, out var entry))
        {
            entry = Load(fullPath);
            if (entry is not null)
            {
                _memory[fullPath] = entry;
            }
        }
        // The opaque tag identifies the bytes; weakness only says the file was modified very recently.
        if (entry is not null && entry.ETag.WeakEquals(version.ETag))
        {
            sha256 = entry.Sha256;
            return true;
        }
        sha256 = [];
        return false;
    }

    public void Forget(string fullPath)
    {
        _memory.TryRemove(fullPath, out _);
        try
        {
            File.Delete(SidecarPath(fullPath));
        }
        catch (IOException)
        {
        }
    }

    private Entry? Load(string fullPath)
    {
        var sidecar = SidecarPath(fullPath);
        if (!File.Exists(sidecar))
        {
            return null; // the common miss: no exception on the request path
        }
        try
        {
            var lines = File.ReadAllLines(sidecar);
            if (lines.Length >= 3 && lines[2] == fullPath && EntityTag.TryParse(lines[0], out var tag) && lines[1].Length == 64)
            {
                return new Entry(tag, Convert.FromHexString(lines[1]));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return null;
    }

    private string SidecarPath(string fullPath) =>
        Path.Combine(_folder.Value, Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(fullPath))));

    private sealed record Entry(EntityTag ETag, byte[] Sha256);
}
