using System.CommandLine;

namespace Baton.Cli.Serve;

/// <summary><c>baton serve [ROOT] [--urls URL]</c>.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var root = new Argument<string?>("ROOT")
        {
            Description = "Folder to serve and to store uploads in (default ./data, created if missing).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var urls = new Option<string?>("--urls")
        {
            Description = "Address(es) to listen on, separated by ';' (default http://127.0.0.1:8080).",
        };
        var command = new Command("serve", "Serve a folder over HTTP with ranged downloads and resumable uploads.")
        {
            root,
            urls,
        };
        command.SetAction((parse, cancellation) =>
            ServeHost.RunAsync(new ServeArguments(parse.GetValue(root), parse.GetValue(urls)), cancellation));
        return command;
    }
}
