namespace Baton.Protocol.Problems;

public static partial class ProtocolErrors
{
    /// <summary>409: the name to create or move to is taken (or equal to a taken one up to case or Unicode normalisation), and
    /// replacing was not asked for or is not possible (a folder is never replaced).</summary>
    public static readonly ProtocolError AlreadyExists =
        Make(409, "already-exists", "Something is already stored under this name.");

    /// <summary>409: a folder with entries is deleted only when <c>recursive</c> is asked.</summary>
    public static readonly ProtocolError FolderNotEmpty =
        Make(409, "folder-not-empty", "The folder is not empty; ask for a recursive delete to remove it with its contents.");

    /// <summary>400: a folder cannot be moved into itself or below itself.</summary>
    public static readonly ProtocolError MoveIntoItself =
        Make(400, "move-into-itself", "A folder cannot be moved into itself.");

    /// <summary>409: a name on the way to the destination is a file, not a folder.</summary>
    public static readonly ProtocolError NotAFolder =
        Make(409, "not-a-folder", "A name on the way to the destination is a file, not a folder.");
}
