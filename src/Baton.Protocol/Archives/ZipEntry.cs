using Baton.Protocol.Paths;
using Baton.Protocol.Validators;

namespace Baton.Protocol.Archives;

/// <summary>
/// One member of a folder archive, as its source describes it before a byte is read: the name inside the archive
/// ('/'-separated, folders end with '/'), the data's length, the modification time written into the headers, and the file's
/// own validator. The validator pins the bytes (and so the CRC-32, which is supplied later through <see cref="IZipContent"/>);
/// it feeds the archive's ETag, so the same folder state always gives the same tag.
/// </summary>
public sealed class ZipEntry
{
    private ZipEntry(string name, long length, DateTimeOffset lastModified, EntityTag validator)
    {
        Name = name;
        Length = length;
        LastModified = lastModified;
        Validator = validator;
    }

    /// <summary>The name inside the archive: a safe relative path (see <see cref="RelativePath"/>); folders end with '/'.</summary>
    public string Name { get; }

    /// <summary>Bytes of data (0 for folders).</summary>
    public long Length { get; }

    public DateTimeOffset LastModified { get; }

    /// <summary>The file's own entity tag (default for folders, whose state is their name and time).</summary>
    public EntityTag Validator { get; }

    public bool IsFolder => Name.EndsWith('/');

    /// <summary>A file entry. <paramref name="name"/> must be a safe relative path without leading or trailing '/'.</summary>
    public static ZipEntry File(string name, long length, DateTimeOffset lastModified, EntityTag validator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (validator.Opaque is null)
        {
            throw new ArgumentException("A file entry needs its file's validator.", nameof(validator));
        }
        CheckName(name, name);
        return new ZipEntry(name, length, lastModified, validator);
    }

    /// <summary>A folder entry (an empty folder keeps its place in the archive); a trailing '/' is added when missing.</summary>
    public static ZipEntry Folder(string name, DateTimeOffset lastModified)
    {
        var bare = name.EndsWith('/') ? name[..^1] : name;
        CheckName(bare, name);
        return new ZipEntry(bare + "/", 0, lastModified, default);
    }

    /// <summary>
    /// Archive names are checked like request paths (no '..', '.', empty segments, backslashes, control characters, drive
    /// letters, over-long segments, Baton's <c>.baton</c> state folder), so an archive Baton writes can never make an extractor
    /// write outside its target folder, nor carry the server's state.
    /// </summary>
    private static void CheckName(string bare, string given)
    {
        if (RelativePath.TryParse(bare, allowHidden: true, out var path) == PathCheck.Invalid || path.IsRoot
            || path.ToString() != bare || path.Segments.Contains(RelativePath.StateFolderName))
        {
            throw new ArgumentException($"Not a safe archive entry name: '{given}'.", nameof(given));
        }
    }

    public override string ToString() => Name;
}
