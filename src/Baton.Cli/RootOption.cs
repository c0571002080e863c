using System.CommandLine;

namespace Baton.Cli;

/// <summary><c>--root</c> for verbs that work on a server's folder locally: like <c>baton serve</c>, BATON_ROOT, else ./data.</summary>
public static class RootOption
{
    public static Option<string?> Create() => new("--root")
    {
        Description = "The served folder (default: $BATON_ROOT, else ./data).",
    };

    public static string Resolve(string? given) =>
        Path.GetFullPath(given ?? Environment.GetEnvironmentVariable("BATON_ROOT") ?? "data");
}
