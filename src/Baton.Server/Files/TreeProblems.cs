using Baton.Protocol.Problems;
using Baton.Storage.Files;

namespace Baton.Server.Files;

/// <summary>The answer to an <see cref="IFileTree"/> outcome: null when done, else the problem (docs/files-api.md).</summary>
public static class TreeProblems
{
    public static ProtocolError? For(TreeOutcome outcome) => outcome switch
    {
        TreeOutcome.Done => null,
        TreeOutcome.NotFound => ProtocolErrors.NotFound,
        TreeOutcome.Exists => ProtocolErrors.AlreadyExists,
        TreeOutcome.NotEmpty => ProtocolErrors.FolderNotEmpty,
        TreeOutcome.IntoItself => ProtocolErrors.MoveIntoItself,
        TreeOutcome.NotAFolder => ProtocolErrors.NotAFolder,
        _ => ProtocolErrors.Internal.WithDetail("The storage refused the change; nothing was changed."),
    };
}
