using Baton.Client.Downloads;
using Baton.Client.Transfers;
using Baton.Protocol.Digests;

namespace Baton.Client.Uploads;

/// <summary>
/// <c>baton put DIR URL</c>: uploads every regular file below a folder, each into its folder on the server (the upload metadata
/// key <c>folder</c>, docs/uploads.md §Folders), one resumable upload per file. Resumable as a whole: each file resumes as a
/// single <c>put</c> does, and files a previous run finished are skipped when the local file is unchanged and the server still
/// answers the digest it gave then (<see cref="TreeState"/>). Symbolic links are not followed (a link could lead anywhere);
/// they are reported and left out.
/// </summary>
public sealed class TreeUploader(HttpClient http, TusUploader uploader)
{
    /// <summary>A file of the tree: its path on disk and its path relative to the folder ('/'-separated).</summary>
    public sealed record Item(string FullPath, string RelativePath);

    /// <summary>The regular files below <paramref name="folder"/> in ordinal order of their relative paths, and the links left out.</summary>
    public static (IReadOnlyList<Item> Files, IReadOnlyList<string> SkippedLinks) Plan(string folder)
    {
        var root = Path.GetFullPath(folder);
        var files = new List<Item>();
        var links = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = new DirectoryInfo(pending.Pop());
            foreach (var entry in current.EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (entry.LinkTarget is not null)
                {
                    links.Add(relative);
                }
                else if (entry is DirectoryInfo directory)
                {
                    pending.Push(directory.FullName);
                }
                else if (entry is FileInfo { Attributes: not FileAttributes.Device })
                {
                    files.Add(new Item(entry.FullName, relative));
                }
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        links.Sort(StringComparer.Ordinal);
        return (files, links);
    }

    /// <summary>Whether a previous run stored <paramref name="item"/> as it is now (the server still answers its digest).</summary>
    public async Task<TreeStateEntry?> AlreadyStoredAsync(Item item, TreeState state, CancellationToken cancellationToken)
    {
        var file = new FileInfo(item.FullPath);
        if (!state.Files.TryGetValue(item.RelativePath, out var entry)
            || entry.Length != file.Length || entry.ModifiedTicks != file.LastWriteTimeUtc.Ticks)
        {
            return null;
        }
        using var head = new HttpRequestMessage(HttpMethod.Head, entry.FileUrl);
        using var response = await http.SendAsync(head, cancellationToken);
        var digest = RemoteProbe.HeaderValue(response, ReprDigest.HeaderName);
        var stored = response.IsSuccessStatusCode && response.Content.Headers.ContentLength == entry.Length
            && (entry.ReprDigest is null || digest == entry.ReprDigest);
        return stored ? entry : null;
    }

    /// <summary>Uploads <paramref name="item"/> into its folder; returns the result and the entry a rerun will check.</summary>
    public async Task<(UploadResult Result, TreeStateEntry Entry)> UploadAsync(Item item, Uri endpoint, UploadOptions template,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>(template.Metadata, StringComparer.Ordinal);
        var slash = item.RelativePath.LastIndexOf('/');
        var folder = slash < 0 ? "" : item.RelativePath[..slash];
        if (metadata.TryGetValue("folder", out var under) && under.Trim('/').Length > 0)
        {
            folder = folder.Length == 0 ? under.Trim('/') : under.Trim('/') + "/" + folder;
        }
        if (folder.Length > 0)
        {
            metadata["folder"] = folder;
        }
        metadata["filename"] = Path.GetFileName(item.FullPath);
        var file = new FileInfo(item.FullPath);
        var result = await uploader.UploadAsync(item.FullPath, endpoint, template with { Metadata = metadata }, progress, cancellationToken);
        string? digest = null;
        using (var head = new HttpRequestMessage(HttpMethod.Head, result.FileUrl))
        using (var response = await http.SendAsync(head, cancellationToken))
        {
            digest = response.IsSuccessStatusCode ? RemoteProbe.HeaderValue(response, ReprDigest.HeaderName) : null;
        }
        return (result, new TreeStateEntry(file.Length, file.LastWriteTimeUtc.Ticks, result.FileUrl.AbsoluteUri, digest));
    }
}
