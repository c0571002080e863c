using System.CommandLine;
using System.Globalization;
using Baton.Server.Auth;

namespace Baton.Cli.Sign;

/// <summary><c>baton sign URL [--expires 1h] [--root ROOT]</c>: an HMAC-signed, expiring link made with the server's key.</summary>
public static class SignCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("URL") { Description = "The download URL to sign, e.g. http://host:8080/files/report.pdf." };
        var expires = new Option<string>("--expires")
        {
            Description = "Lifetime: 90s, 30m, 1h, 7d (default 1h).",
            DefaultValueFactory = _ => "1h",
        };
        var root = RootOption.Create();
        var command = new Command("sign", """
            Sign a download link that works without a token until it expires, and keeps working with Range (resumable).
            Run it on the server's machine: it uses the key in ROOT/.baton/signing.key. Remotely: POST /api/links with a token.

            Examples:
              baton sign http://127.0.0.1:8080/files/report.pdf --expires 2h
              baton sign https://files.example/files/big.iso --expires 7d --root /srv/files
            """)
        {
            url, expires, root,
        };
        command.SetAction(parse =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            {
                Console.Error.WriteLine($"baton sign: '{parse.GetValue(url)}' is not an http(s) URL");
                return ExitCodes.Usage;
            }
            if (!TryParseLifetime(parse.GetValue(expires)!, out var lifetime))
            {
                Console.Error.WriteLine($"baton sign: --expires '{parse.GetValue(expires)}' is not a lifetime like 90s, 30m, 1h or 7d");
                return ExitCodes.Usage;
            }
            if (!RootOption.TryResolveState(parse.GetValue(root), out var rootPath, out var error))
            {
                Console.Error.WriteLine("baton sign: " + error);
                return ExitCodes.Usage;
            }
            Console.Error.WriteLine($"baton sign: root {rootPath}");
            var key = SigningKeyFile.LoadOrCreate(Path.Combine(rootPath, ".baton", "signing.key"));
            var signer = new LinkSigner(key, TimeProvider.System);
            var query = signer.Sign("GET", Uri.UnescapeDataString(target.AbsolutePath), DateTimeOffset.UtcNow.Add(lifetime));
            Console.Out.WriteLine(target.GetLeftPart(UriPartial.Path) + "?" + query);
            return ExitCodes.Success;
        });
        return command;
    }

    public static bool TryParseLifetime(string text, out TimeSpan lifetime)
    {
        lifetime = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return false;
        }
        lifetime = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => TimeSpan.Zero,
        };
        return lifetime > TimeSpan.Zero;
    }
}
