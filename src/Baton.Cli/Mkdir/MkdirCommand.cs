using System.CommandLine;
using Baton.Cli.Get;
using Baton.Cli.Output;
using Baton.Cli.Transport;
using Baton.Client.Files;

namespace Baton.Cli.Mkdir;

/// <summary><c>baton mkdir URL</c>: creates a folder (and any missing folders above it) on a Baton server.</summary>
public static class MkdirCommand
{
    private const string Examples = """

        Examples:
          baton mkdir http://127.0.0.1:8080/files/photos/2024/
        Exit code 7 when the name is taken (409) or refused (400).
        """;

    public static Command Create()
    {
        var url = UrlArgument("URL", "The new folder's URL (…/files/DIR/).");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only errors." };
        var token = TokenOption.Create();
        var command = new Command("mkdir", "Create a folder on a Baton server." + Examples) { url, quiet, token };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = new TransferConsole(parse.GetValue(quiet) ? OutputMode.Quiet : OutputMode.Plain);
            var target = parse.GetValue(url)!;
            using var http = BatonHttpClient.Create(TokenOption.Resolve(parse.GetValue(token)), [target]);
            try
            {
                await new FolderClient(http).CreateAsync(target, cancellation);
                console.Result($"created {target.AbsoluteUri}", []);
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return console.Error(e);
            }
        });
        return command;
    }

    /// <summary>An http(s) URL argument, refused at parse time otherwise.</summary>
    internal static Argument<Uri> UrlArgument(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            if (UrlList.TryParseUrl(r.Tokens[0].Value, out var uri))
            {
                return uri;
            }
            r.AddError($"'{r.Tokens[0].Value}' is not an http or https URL");
            return null;
        },
    };
}
