using System.CommandLine;
using Baton.Cli.Mkdir;
using Baton.Cli.Output;
using Baton.Cli.Transport;
using Baton.Client.Files;

namespace Baton.Cli.Mv;

/// <summary><c>baton mv SRC_URL DST_URL [--overwrite]</c>: renames or moves a file or folder on one Baton server.</summary>
public static class MvCommand
{
    private const string Examples = """

        Examples:
          baton mv http://127.0.0.1:8080/files/a.jpg http://127.0.0.1:8080/files/photos/a.jpg
          baton mv http://127.0.0.1:8080/files/old/ http://127.0.0.1:8080/files/archive/old/
        On disk a move is one rename: atomic, the file keeps its inode. Exit code 7 when the destination is taken (409, unless
        --overwrite and both are files) or a folder would move into itself (400); 6 when the source does not exist.
        """;

    public static Command Create()
    {
        var source = MkdirCommand.UrlArgument("SRC_URL", "The file or folder to move (…/files/PATH).");
        var destination = MkdirCommand.UrlArgument("DST_URL", "Its new URL on the same server (…/files/NEWPATH).");
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing file at DST_URL (never a folder)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only errors." };
        var token = TokenOption.Create();
        var command = new Command("mv", "Rename or move a file or folder on a Baton server." + Examples)
        {
            source, destination, overwrite, quiet, token,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = new TransferConsole(parse.GetValue(quiet) ? OutputMode.Quiet : OutputMode.Plain);
            var from = parse.GetValue(source)!;
            var to = parse.GetValue(destination)!;
            using var http = BatonHttpClient.Create(TokenOption.Resolve(parse.GetValue(token)), [from]);
            try
            {
                await new FolderClient(http).MoveAsync(from, to, parse.GetValue(overwrite), cancellation);
                console.Result($"moved {from.AbsoluteUri} to {to.AbsoluteUri}", []);
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
