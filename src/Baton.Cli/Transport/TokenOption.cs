using System.CommandLine;

namespace Baton.Cli.Transport;

/// <summary><c>--token</c> for the client verbs (get, put, ls, rm), defaulting to the <c>BATON_TOKEN</c> environment variable.</summary>
public static class TokenOption
{
    public const string EnvironmentVariable = "BATON_TOKEN";

    public static Option<string?> Create() => new("--token")
    {
        Description = $"Bearer token for a Baton server with access control (default: ${EnvironmentVariable}).",
    };

    /// <summary>The token given on the command line, else in the environment, else null.</summary>
    public static string? Resolve(string? given) =>
        given ?? (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
}
