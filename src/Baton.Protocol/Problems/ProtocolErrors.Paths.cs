using Baton.Protocol.Paths;

namespace Baton.Protocol.Problems;

public static partial class ProtocolErrors
{
    /// <summary>400: a name, the path or its depth is over the server's limits (<see cref="PathLimits"/>).</summary>
    public static readonly ProtocolError PathTooLong =
        Make(400, "path-too-long", "A name, the path or its depth exceeds the server's limits.");

    /// <summary>409: a different name that is the same up to letter case or Unicode normalisation already exists
    /// (<see cref="NameCollisionComparer"/>).</summary>
    public static readonly ProtocolError NameCollision =
        Make(409, "name-collision", "A name that differs only by letter case or Unicode normalisation already exists.");

    /// <summary>The problem for a refused path Baton was asked to create, with a detail naming the rule.</summary>
    public static ProtocolError ForNewPath(NewPathCheck check, PathLimits limits) => check switch
    {
        NewPathCheck.Invalid => InvalidPath.WithDetail(
            "Names may not be empty, '.', '..', a drive, contain '\\', control or invisible characters or percent-escapes, or start or end with a space or end with a dot."),
        NewPathCheck.Hidden => InvalidPath.WithDetail("Names starting with '.' are not accepted here."),
        NewPathCheck.Reserved => InvalidPath.WithDetail("'.baton' is reserved for the server's own state."),
        NewPathCheck.NameTooLong => PathTooLong.WithDetail($"A name is longer than {limits.MaxNameBytes} bytes (UTF-8)."),
        NewPathCheck.PathTooLong => PathTooLong.WithDetail($"The path is longer than {limits.MaxPathBytes} bytes (UTF-8)."),
        NewPathCheck.TooDeep => PathTooLong.WithDetail($"The path is more than {limits.MaxDepth} levels deep."),
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "A valid path is not a problem."),
    };
}
