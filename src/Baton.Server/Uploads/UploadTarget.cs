using Baton.Protocol.Paths;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;

namespace Baton.Server.Uploads;

/// <summary>
/// Where a completed upload goes, decided from its metadata (issue 14 item 1): the root-relative <see cref="Folder"/> from the
/// <c>folder</c> key and the folders of Uppy's <c>relativePath</c> (<c>/top/sub/name</c> for a file from a dropped folder), and
/// the <see cref="FileName"/> (the last name of <c>relativePath</c>, else the sanitised <c>filename</c>). Without either key
/// the upload lands in the root under its sanitised file name, as before. Paths are checked by <see cref="NewEntryPath"/>
/// (no traversal, no absolute paths, no control characters, no <c>.baton</c>, NFC) — a refused path is a 400 at creation,
/// never a silent rename.
/// </summary>
public sealed record UploadTarget(RelativePath Folder, string FileName)
{
    /// <summary>The <c>Upload-Metadata</c> key naming the target folder (relative to the root).</summary>
    public const string FolderKey = "folder";

    /// <summary>The key Uppy's tus plugin sends for a file from a dropped folder (<c>meta.relativePath</c>).</summary>
    public const string RelativePathKey = "relativePath";

    /// <summary>Decides the target, or the problem to answer at creation.</summary>
    public static ProtocolError? TryDecide(UploadMetadata metadata, string uploadId, bool allowHidden, out UploadTarget target)
    {
        var fileName = UploadFileName.Sanitize(metadata.GetString("filename") ?? metadata.GetString("name"), uploadId);
        target = new UploadTarget(RelativePath.Root, fileName);
        var folder = metadata.GetString(FolderKey);
        var relativePath = metadata.GetString(RelativePathKey);
        // Uppy's tus plugin sends every meta field through String(): a file picked or dropped on its own has relativePath null,
        // which arrives as the text "null" (@uppy/tus: "relativePath: null is often sent by uppy"). A real relativePath from a
        // dropped folder always holds a '/', and a lone file named "null" is still named so by its filename.
        if (relativePath is "null" or "undefined")
        {
            relativePath = null;
        }
        if (string.IsNullOrEmpty(folder) && string.IsNullOrEmpty(relativePath))
        {
            return null;
        }
        var limits = PathLimits.Default;
        var check = NewEntryPath.TryCombine(folder, relativePath, fileName, limits, allowHidden, out var path);
        if (check != NewPathCheck.Valid)
        {
            return ProtocolErrors.ForNewPath(check, limits);
        }
        target = new UploadTarget(path.Parent, path.Name);
        return null;
    }

    /// <summary>Moves <paramref name="target"/> below the folder its creator was confined to (<see cref="UploadInfo.Scope"/>);
    /// false when that scope is not a folder (then nothing is placed).</summary>
    public static bool TryConfine(ref UploadTarget target, string? scope)
    {
        if (scope is null)
        {
            return true;
        }
        if (!CallerScope.TryParse(scope, out var confinement))
        {
            return false;
        }
        if (confinement is not null)
        {
            target = target with { Folder = confinement.ToRoot(target.Folder) };
        }
        return true;
    }
}
