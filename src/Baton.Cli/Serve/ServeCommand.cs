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
        root.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } path && File.Exists(path))
            {
                r.AddError($"{Path.GetFullPath(path)} is a file; ROOT must be a folder (it is created if missing)");
            }
        });
        var urls = new Option<string?>("--urls")
        {
            Description = "Address(es) to listen on, separated by ';' (default http://127.0.0.1:8080).",
        };
        var allowAnonymous = new Option<bool>("--allow-anonymous")
        {
            Description = "Serve without tokens on a non-loopback address (anyone who can reach it can read, upload and delete).",
        };
        var certificate = new Option<string?>("--cert")
        {
            Description = "TLS certificate for https:// URLs: a PEM file (with --cert-key) or a PFX/PKCS#12 file (password in BATON_CERTIFICATEPASSWORD).",
        };
        var certificateKey = new Option<string?>("--cert-key")
        {
            Description = "PEM private key of --cert.",
        };
        var command = new Command("serve", "Serve a folder over HTTP with ranged downloads and resumable uploads.")
        {
            root,
            urls,
            allowAnonymous,
            certificate,
            certificateKey,
        };
        command.SetAction((parse, cancellation) =>
        {
            // Only when this process is the baton tool: re-executing replaces the whole process.
            if (System.Reflection.Assembly.GetEntryAssembly() == typeof(ServeCommand).Assembly)
            {
                Gen0Budget.Apply();
            }
            return ServeHost.RunAsync(
                new ServeArguments(parse.GetValue(root), parse.GetValue(urls), parse.GetValue(allowAnonymous), parse.GetValue(certificate),
                    parse.GetValue(certificateKey)),
                cancellation);
        });
        return command;
    }
}
