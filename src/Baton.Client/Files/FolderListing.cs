namespace Baton.Client.Files;

/// <summary>The body of <c>GET /api/files?path=DIR</c>.</summary>
public sealed record FolderListing(string Path, IReadOnlyList<FileEntry> Entries);
