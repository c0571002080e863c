using System.CommandLine;
using Baton.Cli.Get;
using Baton.Cli.Ls;
using Baton.Cli.Put;
using Baton.Cli.Rm;
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
            Console.Error.WriteLine($"baton: error: {parse.Errors[0].Message} (see 'baton {parse.CommandResult.Command.Name} --help')");
            return Task.FromResult(ExitCodes.Usage);
        }
        return parse.InvokeAsync();
    }
}
