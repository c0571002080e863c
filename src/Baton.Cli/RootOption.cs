using System.CommandLine;
using Baton.Protocol.Paths;

namespace Baton.Cli;

/// <summary>
/// <c>--root</c> for verbs that work on a server's folder locally (sign, token): like <c>baton serve</c>, BATON_ROOT, else ./data.
/// Without --root or BATON_ROOT, the default folder must already hold Baton's state (<c>.baton</c>): run from the wrong folder,
/// <c>sign</c> would make a new key whose links the real server refuses, and <c>token create</c> a keys file it never reads.
/// </summary>
public static class RootOption
{
    public const string EnvironmentVariable = "BATON_ROOT";
    private const string DefaultRoot = "data";

    public static Option<string?> Create() => new("--root")
    {
        Description = $"The served folder (default: ${EnvironmentVariable}, else ./data when it holds a .baton folder).",
    };

    public static string Resolve(string? given) =>
        Path.GetFullPath(given ?? (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultRoot));

    /// <summary>The root to use, or an error (one line) when none was named and the default has no Baton state.</summary>
    public static bool TryResolveState(string? given, out string root, out string? error)
    {
        var explicitly = given is not null || Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 };
        root = Resolve(given);
        error = null;
        if (!explicitly && !Directory.Exists(Path.Combine(root, RelativePath.StateFolderName)))
        {
            error = $"{root} holds no Baton state (no {RelativePath.StateFolderName} folder); give the served folder with --root ROOT or ${EnvironmentVariable}";
            return false;
        }
        return true;
    }
}
