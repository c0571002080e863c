using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Baton.Cli.Get;
using Baton.Cli.Output;
using Baton.Cli.Transport;
using Baton.Client.Files;

namespace Baton.Cli.Ls;

/// <summary><c>baton ls URL [--json]</c>: lists a folder of a Baton server (Files API).</summary>
public static class LsCommand
{
    private const string Examples = """

        Examples:
          baton ls http://127.0.0.1:8080/
          baton ls http://127.0.0.1:8080/files/photos/
          baton ls http://127.0.0.1:8080/ --json
          baton ls http://127.0.0.1:8080/files/photos/ --bytes
        """;

    public static Command Create()
    {
        var url = new Argument<Uri>("URL")
        {
            Description = "The Baton server's base URL (the root folder) or a folder URL (/files/DIR/ or /api/files?path=DIR).",
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
        var json = new Option<bool>("--json") { Description = "Print the listing as JSON lines, one entry per line." };
        var bytes = new Option<bool>("--bytes") { Description = "Print sizes in bytes instead of human units (1.5 MiB)." };
        var token = TokenOption.Create();
        var command = new Command("ls", "List a folder on a Baton server: type, size, modification time, name." + Examples) { url, json, bytes, token };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = new TransferConsole(parse.GetValue(json) ? OutputMode.Json : OutputMode.Plain);
            using var http = BatonHttpClient.Create(TokenOption.Resolve(parse.GetValue(token)), [parse.GetValue(url)!]);
            try
            {
                var listing = await new FilesClient(http).ListAsync(parse.GetValue(url)!, cancellation);
                foreach (var e in listing.Entries)
                {
                    var size = e.IsDirectory ? "-"
                        : parse.GetValue(bytes) ? (e.Size ?? 0).ToString(CultureInfo.InvariantCulture)
                        : ByteSize.Format(e.Size ?? 0);
                    var modified = e.Modified?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
                    console.Result($"{(e.IsDirectory ? "d" : "-")} {size,14} {modified,16}  {e.Name}{(e.IsDirectory ? "/" : "")}", new JsonObject
                    {
                        ["name"] = e.Name,
                        ["path"] = e.Path,
                        ["kind"] = e.Type,
                        ["size"] = e.Size,
                        ["modified"] = e.Modified,
                        ["etag"] = e.ETag,
                        ["sha256"] = e.Sha256,
                        ["url"] = e.Url is null ? null : new Uri(parse.GetValue(url)!, e.Url).AbsoluteUri,
                    });
                }
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
