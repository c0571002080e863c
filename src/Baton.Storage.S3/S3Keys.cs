using Baton.Protocol.Paths;

namespace Baton.Storage.S3;

/// <summary>
/// Where everything lives in the bucket, always below the configured prefix (<c>P</c>): a served file <c>a/b.bin</c> is the object
/// <c>P a/b.bin</c>; Baton's own state is below <c>P .baton/</c> (a hidden name <see cref="RelativePath"/> never lets through):
/// <c>.baton/uploads/ID.json</c> (the upload's record), <c>ID.data</c> (its multipart upload, then the completed object),
/// <c>ID.tail.N</c> (the bytes short of a whole part), <c>.baton/owners/NAME</c> (who uploaded a file), <c>.baton/moves/HASH</c>
/// (a folder move under way, so a rerun after a crash finishes it), <c>.baton/contents/HEX-LENGTH/NAME</c> (the content index). A folder's marker (what makes an empty folder exist) is
/// <c>P a/b/</c>.
/// Keys are only ever built from validated relative names and well-formed upload ids.
/// </summary>
public sealed class S3Keys
{
    public S3Keys(string prefix)
    {
        Prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        State = Prefix + RelativePath.StateFolderName + "/";
        Uploads = State + "uploads/";
        Owners = State + "owners/";
        Moves = State + "moves/";
        Contents = State + "contents/";
    }

    /// <summary>The prefix, empty or ending in '/'.</summary>
    public string Prefix { get; }

    public string State { get; }

    public string Uploads { get; }

    public string Owners { get; }

    public string Moves { get; }

    /// <summary>The content index: <c>.baton/contents/HEX-LENGTH/NAME</c>, an empty object per name holding that content.</summary>
    public string Contents { get; }

    /// <summary>The object of a served file (<paramref name="name"/> is a checked, non-root relative path).</summary>
    public string File(RelativePath name) => Prefix + name;

    /// <summary>The key prefix listing a folder's entries.</summary>
    public string Folder(RelativePath folder) => folder.IsRoot ? Prefix : Prefix + folder + "/";

    public string Record(string id) => Uploads + id + ".json";

    public string Data(string id) => Uploads + id + ".data";

    public string Tail(string id, long sequence) => Uploads + id + ".tail." + sequence;

    /// <summary>Every object of one upload starts with this.</summary>
    public string UploadObjects(string id) => Uploads + id + ".";

    public string Owner(RelativePath name) => Owners + name;

    /// <summary>The journal of moving the folder <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public string Move(RelativePath source, RelativePath destination) =>
        Moves + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(source + "\n" + destination)));

    /// <summary>The relative name of a file object, or null for anything outside the prefix or inside Baton's state.</summary>
    public RelativePath? NameOf(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        return RelativePath.TryParse(key[Prefix.Length..], allowHidden: true, out var name) == PathCheck.Valid && !name.IsRoot ? name : null;
    }
}
