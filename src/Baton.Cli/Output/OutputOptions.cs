using System.CommandLine;

namespace Baton.Cli.Output;

/// <summary>The <c>--quiet</c> and <c>--json</c> options every transfer verb shares.</summary>
public sealed class OutputOptions
{
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only errors." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print progress and the result as JSON lines on stdout." };

    public void AddTo(Command command)
    {
        command.Options.Add(Quiet);
        command.Options.Add(Json);
    }

    public OutputMode ModeFrom(ParseResult parse) =>
        parse.GetValue(Json) ? OutputMode.Json
        : parse.GetValue(Quiet) ? OutputMode.Quiet
        : !Console.IsOutputRedirected && !Console.IsErrorRedirected ? OutputMode.Rich
        : OutputMode.Plain;
}
