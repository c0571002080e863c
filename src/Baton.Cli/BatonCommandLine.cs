using System.CommandLine;
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
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(SignCommand.Create());
        return root;
    }

    public static Task<int> InvokeAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
