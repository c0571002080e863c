using Baton.Client.Downloads;
using Baton.Client.Transfers;

namespace Baton.Client.Files;

/// <summary>
/// <c>baton get -r</c>: mirrors a Baton folder (its Files API listing, docs/files-api.md) into a local folder, one resumable,
/// verified download per file — a rerun skips what is complete (the downloader answers "already complete") and resumes the
/// rest. Names come from the server and are checked (<see cref="LocalName"/>) before they become paths.
/// </summary>
public sealed class TreeMirror(HttpClient http, FileDownloader downloader)
{
    /// <summary>One file to fetch: its URL, where it goes, and the SHA-256 the listing promises (hex), if any.</summary>
    public sealed record Item(Uri Url, string LocalPath, string RelativePath, long? Size, string? Sha256);

    /// <summary>Every file below <paramref name="folderUrl"/> (depth first, names in order), refusing any unsafe name.</summary>
    public async Task<IReadOnlyList<Item>> PlanAsync(Uri folderUrl, string outputDirectory, CancellationToken cancellationToken)
    {
        var items = new List<Item>();
        var files = new FilesClient(http);
        var pending = new Stack<(Uri Url, string Local, string Relative)>();
        pending.Push((AsFolder(folderUrl), outputDirectory, ""));
        while (pending.Count > 0)
        {
            var (url, local, relative) = pending.Pop();
            var listing = await files.ListAsync(url, cancellationToken);
            foreach (var entry in listing.Entries.OrderByDescending(e => e.Name, StringComparer.Ordinal))
            {
                if (!LocalName.IsSafe(entry.Name))
                {
                    throw new TransferException(TransferFailure.Protocol, $"{url}: the server listed an unsafe name '{Printable(entry.Name)}'; nothing outside the output folder is written");
                }
                var path = Path.Combine(local, entry.Name);
                if (!LocalName.IsBelow(outputDirectory, path))
                {
                    throw new TransferException(TransferFailure.Protocol, $"{url}: '{Printable(entry.Name)}' would leave the output folder");
                }
                var childRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                var childUrl = new Uri(url, Uri.EscapeDataString(entry.Name) + (entry.IsDirectory ? "/" : ""));
                if (entry.IsDirectory)
                {
                    pending.Push((childUrl, path, childRelative));
                }
                else
                {
                    items.Add(new Item(childUrl, path, childRelative, entry.Size, entry.Sha256));
                }
            }
        }
        items.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return items;
    }

    /// <summary>Downloads one planned file with <paramref name="template"/>'s settings, verified by the listing's SHA-256 too.</summary>
    public Task<DownloadResult> FetchAsync(Item item, DownloadOptions template, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(item.LocalPath)!);
        var checksum = template.Checksum;
        if (checksum is null && item.Sha256 is { Length: 64 } hex && ExpectedChecksum.TryParse("sha256=" + hex, out var parsed, out _))
        {
            checksum = parsed;
        }
        return downloader.DownloadAsync(item.Url, template with { OutputPath = item.LocalPath, Checksum = checksum }, progress, cancellationToken);
    }

    private static Uri AsFolder(Uri url) => url.AbsolutePath.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    private static string Printable(string name) => new(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
