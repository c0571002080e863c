using System.CommandLine;
using Baton.Cli.Get;
using Baton.Cli.Output;
using Baton.Cli.Transport;
using Baton.Client.Files;
using Baton.Client.Transfers;

namespace Baton.Cli.Rm;

/// <summary><c>baton rm URL</c>: deletes one file on a Baton server (<c>DELETE /files/{path}</c>).</summary>
public static class RmCommand
{
    private const string Examples = """

        Examples:
          baton rm http://127.0.0.1:8080/files/old/report.pdf
          baton rm -r http://127.0.0.1:8080/files/old/
        Exit code 6 when nothing is there; 7 when a folder is not empty and -r was not given.
        """;

    public static Command Create()
    {
        var url = new Argument<Uri>("URL")
        {
            Description = "The file's URL (as printed by baton put or listed by baton ls).",
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
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only errors." };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Delete a folder with everything in it." };
        var token = TokenOption.Create();
        var command = new Command("rm", "Delete a file, or with -r a folder, on a Baton server." + Examples) { url, quiet, recursive, token };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = new TransferConsole(parse.GetValue(quiet) ? OutputMode.Quiet : OutputMode.Plain);
            using var http = BatonHttpClient.Create(TokenOption.Resolve(parse.GetValue(token)), [parse.GetValue(url)!]);
            var target = parse.GetValue(url)!;
            try
            {
                if (parse.GetValue(recursive) && target.AbsolutePath.EndsWith('/'))
                {
                    await new FolderClient(http).DeleteAsync(target, recursive: true, cancellation);
                }
                else
                {
                    try
                    {
                        await new FilesClient(http).DeleteAsync(target, cancellation);
                    }
                    catch (TransferException e) when (e.Failure == TransferFailure.WrongTarget && parse.GetValue(recursive))
                    {
                        await new FolderClient(http).DeleteAsync(target, recursive: true, cancellation);
                    }
                }
                console.Result($"deleted {target.AbsoluteUri}", []);
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return console.Error(e);
            }
        });
        return command;
    }
}
