using System.CommandLine;
using System.CommandLine.Parsing;
using Baton.Cli.Get;
using Baton.Cli.Ls;
using Baton.Cli.Put;
using Baton.Cli.Rm;
using Baton.Cli.Mkdir;
using Baton.Cli.Mv;
using Baton.Cli.Serve;
using Baton.Cli.Sign;
using Baton.Cli.Token;

namespace Baton.Cli;

/// <summary>The <c>baton</c> command tree. Each verb lives in its own folder; this only lists them.</summary>
public static class BatonCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Baton: resumable file transfer. Serve a folder, or get and put files that resume where they stopped.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(GetCommand.Create());
        root.Subcommands.Add(PutCommand.Create());
        root.Subcommands.Add(LsCommand.Create());
        root.Subcommands.Add(RmCommand.Create());
        root.Subcommands.Add(MkdirCommand.Create());
        root.Subcommands.Add(MvCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(SignCommand.Create());
        return root;
    }

    public static Task<int> InvokeAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One clear line and the documented usage code (2), not System.CommandLine's default of 1.
            Console.Error.WriteLine("baton: error: " + UsageError(parse));
            return Task.FromResult(ExitCodes.Usage);
        }
        return parse.InvokeAsync();
    }

    /// <summary>
    /// The first parse error with the help command of the verb it belongs to (<c>baton --help</c>, <c>baton token create --help</c>);
    /// a group without its verb (bare <c>baton</c>, <c>baton token</c>) names the verbs instead of System.CommandLine's
    /// "Required command was not provided".
    /// </summary>
    internal static string UsageError(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            if (result.Command is not RootCommand)
            {
                names.Insert(0, result.Command.Name);
            }
        }
        var help = string.Join(' ', ["baton", .. names, "--help"]);
        var command = parse.CommandResult.Command;
        if (command.Action is null && command.Subcommands.Count > 0)
        {
            var verbs = string.Join(", ", command.Subcommands.Select(c => c.Name));
            return $"no command given; use one of: {verbs} (see '{help}')";
        }
        return $"{parse.Errors[0].Message} (see '{help}')";
    }
}
