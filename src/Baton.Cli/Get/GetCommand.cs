using System.CommandLine;
using System.CommandLine.Parsing;
using Baton.Cli.Output;
using Baton.Cli.Transport;
using Baton.Client.Downloads;

namespace Baton.Cli.Get;

/// <summary><c>baton get URL [-r] [-o PATH] [-c N] [--checksum ALGO=HEX] [--limit-rate RATE] [--retries N] [--no-restart] [-i FILE] [-q] [--json]</c>.</summary>
public static class GetCommand
{
    private const string Examples = """

        Examples:
          baton get https://example.com/big.iso
          baton get https://example.com/big.iso -o /tmp/big.iso -c 8 --checksum sha256=9f86d081884c7d65…
          baton get https://example.com/big.iso --limit-rate 2m --retries 20
          baton get -i urls.txt -o downloads/
          baton get -r http://127.0.0.1:8080/files/photos/ -o photos
        Kill it at any moment and run the same command again: it resumes, or restarts cleanly if the file changed.
        """;

    public static Command Create()
    {
        var url = new Argument<Uri?>("URL")
        {
            Description = "The http(s) URL to download.",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = ParseUrl,
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "File to write, or an existing folder (default: the current folder, named from Content-Disposition, else the URL). "
                + "'-' (standard output), a FIFO or a character device are streamed through (not resumable); a symbolic link is refused.",
        };
        var connections = new Option<int?>("--connections", "-c")
        {
            Description = "Connections when the server supports ranges (default: one per 4 MiB, at most 4 per host; no cap when given).",
        };
        connections.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1 or > 1024)
            {
                r.AddError("--connections must be between 1 and 1024");
            }
        });
        var checksum = new Option<ExpectedChecksum?>("--checksum")
        {
            Description = "Expected checksum of the whole file, ALGO=HEX (sha256, sha512, sha384, sha1, md5).",
            CustomParser = r =>
            {
                if (ExpectedChecksum.TryParse(r.Tokens[0].Value, out var parsed, out var error))
                {
                    return parsed;
                }
                r.AddError("--checksum: " + error);
                return null;
            },
        };
        var limitRate = LimitRateOption.Create("download");
        var retries = RetriesOption.Create();
        var noRestart = new Option<bool>("--no-restart")
        {
            Description = "If the remote file changed since the partial download began, stop (exit 5) instead of starting over.",
        };
        var inputFile = new Option<FileInfo?>("--input-file", "-i")
        {
            Description = "Download every URL listed in FILE (one per line; blank lines and # comments ignored).",
        };
        var outputOptions = new OutputOptions();
        var token = TokenOption.Create();
        var recursive = new Option<bool>("--recursive", "-r")
        {
            Description = "URL is a Baton folder (…/files/DIR/): mirror every file below it into -o (default: a folder named like it), "
                + "each resumable and verified; a rerun skips what is complete.",
        };
        var command = new Command("get", "Download a file with resume, several connections and verification." + Examples)
        {
            url, output, connections, checksum, limitRate, retries, noRestart, inputFile, token, recursive,
        };
        outputOptions.AddTo(command);
        command.Validators.Add(r =>
        {
            // Look at tokens, not values: a value that failed to parse already has its own error.
            var hasUrl = r.GetResult(url) is { Tokens.Count: > 0 };
            var hasList = r.GetResult(inputFile) is { Tokens.Count: > 0 };
            if (hasUrl == hasList)
            {
                r.AddError("give either a URL or -i FILE");
            }
        });
        command.SetAction(async (parse, cancellation) =>
        {
            var toStdout = parse.GetValue(output) == OutputTarget.StandardOutput;
            var mode = outputOptions.ModeFrom(parse);
            // With -o - standard output carries the file: everything else goes to stderr, and the progress bar becomes lines.
            var console = toStdout
                ? new TransferConsole(mode == OutputMode.Rich ? OutputMode.Plain : mode, stdout: Console.Error)
                : new TransferConsole(mode);
            List<Uri> urls;
            if (parse.GetValue(inputFile) is { } list)
            {
                if (!UrlList.TryRead(list, out urls, out var error))
                {
                    return console.Error(error!, error!.StartsWith("cannot read", StringComparison.Ordinal) ? ExitCodes.LocalIo : ExitCodes.Usage);
                }
            }
            else
            {
                urls = [parse.GetValue(url)!];
            }
            if (toStdout && urls.Count > 1)
            {
                return console.Error("-o - (standard output) takes one URL", ExitCodes.Usage);
            }
            if (parse.GetValue(recursive) && (toStdout || urls.Count > 1))
            {
                return console.Error("-r mirrors one folder URL into a folder (not -i, not -o -)", ExitCodes.Usage);
            }
            var arguments = new GetArguments(urls, parse.GetValue(output), parse.GetValue(connections), parse.GetValue(checksum),
                parse.GetValue(limitRate), parse.GetValue(retries), parse.GetValue(noRestart), TokenOption.Resolve(parse.GetValue(token)),
                parse.GetValue(recursive));
            return arguments.Recursive
                ? await GetTreeRunner.RunAsync(arguments, console, cancellation)
                : await GetRunner.RunAsync(arguments, console, cancellation);
        });
        return command;
    }

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
        if (text is null)
        {
            return null;
        }
        if (UrlList.TryParseUrl(text, out var uri))
        {
            return uri;
        }
        result.AddError($"'{text}' is not an http or https URL");
        return null;
    }
}
