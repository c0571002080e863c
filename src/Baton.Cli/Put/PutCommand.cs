using System.CommandLine;
using Baton.Cli.Get;
using Baton.Cli.Output;
using Baton.Cli.Transport;
using Baton.Client.Uploads;

namespace Baton.Cli.Put;

/// <summary>
/// <c>baton put FILE|DIR URL [--chunk-size SIZE] [--parallel N] [--metadata key=value …] [--retries N] [--limit-rate RATE]
/// [--chunk-checksums auto|always|never] [--protocol tus|ietf|auto] [--as-copy] [-q] [--json]</c>.
/// </summary>
public static class PutCommand
{
    private const string Examples = """

        Examples:
          baton put big.iso http://127.0.0.1:8080/uploads/
          baton put big.iso https://tus.example.com/files/ --chunk-size 16m --parallel 4
          baton put photo.jpg https://tus.example.com/files/ --metadata filetype=image/jpeg --metadata owner=ann
          baton put big.iso http://127.0.0.1:8080/uploads/ --protocol ietf
          baton put photos/ http://127.0.0.1:8080/uploads/ --metadata folder=backup
        Works with any tus 1.0 server, and with IETF Resumable Uploads servers (--protocol ietf). Kill it at any moment and run the same command again: it asks the server how much
        arrived and continues from there. Prints the resulting URL on success. Against a Baton server the stored file's
        SHA-256 is compared with the local file's afterwards (exit code 4 on a mismatch). A folder is uploaded file by file into the
        same folders (below --metadata folder=… if given); rerun the command to continue, files already stored are skipped.
        A Baton server that already holds a file's content completes the upload from its SHA-256 (hashed first): nothing is sent
        and put says "already stored"; --as-copy sends the bytes anyway.
        """;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The file to upload, or a folder: every file below it, into the same folders on the server." };
        var url = new Argument<Uri>("URL")
        {
            Description = "The tus upload endpoint (where uploads are created).",
            CustomParser = r =>
            {
                var text = r.Tokens[0].Value;
                if (UrlList.TryParseUrl(text, out var uri))
                {
                    return uri;
                }
                r.AddError($"'{text}' is not an http or https URL");
                return null;
            },
        };
        var chunkSize = new Option<long>("--chunk-size")
        {
            Description = "Bytes per PATCH request, e.g. 8m (default 8 MiB).",
            DefaultValueFactory = _ => 8L << 20,
            CustomParser = r =>
            {
                if (ByteSize.TryParse(r.Tokens[0].Value, out var bytes))
                {
                    return bytes;
                }
                r.AddError($"--chunk-size: '{r.Tokens[0].Value}' is not a size like 512k or 8m");
                return 0;
            },
        };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Upload N parts at once and join them (tus concatenation; sequential with a notice when the server lacks it). Default 1.",
            DefaultValueFactory = _ => 1,
        };
        parallel.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 64)
            {
                r.AddError("--parallel must be between 1 and 64");
            }
        });
        var metadata = new Option<string[]>("--metadata", "-m")
        {
            Description = "Upload-Metadata pair key=value (repeatable). filename defaults to the file's name.",
            AllowMultipleArgumentsPerToken = false,
        };
        metadata.Validators.Add(r =>
        {
            foreach (var pair in r.GetValueOrDefault<string[]>() ?? [])
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0 || pair[..equals].Any(c => c is ' ' or ',' || char.IsControl(c)))
                {
                    r.AddError($"--metadata: '{pair}' is not key=value (key without spaces or commas)");
                }
            }
        });
        var retries = RetriesOption.Create();
        // No DefaultValueFactory: help would print the enum's capitalised name ("[default: Auto]") beside the lower-case values.
        var chunkChecksums = new Option<ChunkChecksums?>("--chunk-checksums")
        {
            Description = "Upload-Checksum per chunk: auto (only when the server offers tus checksums but no end-to-end "
                + "verification), always (whenever offered), never. Default auto.",
            HelpName = "auto|always|never",
        };
        var limitRate = LimitRateOption.Create("upload");
        // Lower-case values in help, as in docs/client.md; no DefaultValueFactory for the same reason as --chunk-checksums.
        var protocol = new Option<UploadProtocol?>("--protocol")
        {
            Description = "tus (tus 1.0), ietf (IETF Resumable Uploads, interop 6-9) or auto (what the server's OPTIONS advertises, tus first). Default auto.",
            HelpName = "tus|ietf|auto",
        };
        var asCopy = new Option<bool>("--as-copy")
        {
            Description = "Send the bytes even if the server already holds the same content (no digest-first creation).",
        };
        var outputOptions = new OutputOptions();
        var token = TokenOption.Create();
        var command = new Command("put", "Upload a file to a tus or IETF Resumable Uploads server, resumable after any interruption." + Examples)
        {
            file, url, chunkSize, parallel, metadata, retries, limitRate, chunkChecksums, protocol, asCopy, token,
        };
        outputOptions.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            var pairs = (parse.GetValue(metadata) ?? []).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var arguments = new PutArguments(parse.GetValue(file)!, parse.GetValue(url)!, parse.GetValue(chunkSize), parse.GetValue(parallel),
                pairs, parse.GetValue(retries), parse.GetValue(limitRate), TokenOption.Resolve(parse.GetValue(token)),
                parse.GetValue(chunkChecksums) ?? ChunkChecksums.Auto, parse.GetValue(protocol) ?? UploadProtocol.Auto, parse.GetValue(asCopy));
            return PutRunner.RunAsync(arguments, new TransferConsole(outputOptions.ModeFrom(parse)), cancellation);
        });
        return command;
    }
}
