namespace Baton.Client.Uploads;

/// <summary>
/// What <c>baton put DIR</c> will do with a folder: the regular files to upload (in ordinal order of their relative paths) and
/// what it leaves out, each named to the user — symbolic links (not followed: a link could lead anywhere on the machine),
/// special files (FIFOs, sockets, devices: reading one would block or never end) and empty folders (the server creates a folder
/// when a file is placed in it, so an empty one has nothing to carry it).
/// </summary>
public sealed record TreePlan(
    IReadOnlyList<TreeUploader.Item> Files,
    IReadOnlyList<string> SkippedLinks,
    IReadOnlyList<string> SkippedSpecialFiles,
    IReadOnlyList<string> EmptyFolders);
