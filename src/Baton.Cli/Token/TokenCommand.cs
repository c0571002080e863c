using System.CommandLine;
using System.Security.Cryptography;
using Baton.Server.Auth;
using Microsoft.AspNetCore.WebUtilities;

namespace Baton.Cli.Token;

/// <summary><c>baton token create NAME --can upload,download [--root ROOT | --keys FILE]</c>: makes an API token.</summary>
public static class TokenCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Who the token is for (recorded as the owner of its uploads)." };
        var can = new Option<string>("--can")
        {
            Description = "Comma-separated permissions: download, list, upload, delete, admin.",
            Required = true,
        };
        var root = RootOption.Create();
        var keys = new Option<string?>("--keys") { Description = "Keys file to add the token to (default ROOT/.baton/keys.json)." };
        var create = new Command("create", """
            Create an API token: the secret is printed once; only its SHA-256 is stored (in the keys file the server reads).

            Examples:
              baton token create alice --can upload,download,list
              baton token create ci --can admin --root /srv/files
            Then: curl -H "Authorization: Bearer TOKEN" http://127.0.0.1:8080/api/files
            """)
        {
            name, can, root, keys,
        };
        create.SetAction(parse =>
        {
            var permissions = new List<BatonPermissions>();
            foreach (var word in parse.GetValue(can)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<BatonPermissions>(word, ignoreCase: true, out var permission) || permission is BatonPermissions.None or BatonPermissions.All)
                {
                    Console.Error.WriteLine($"baton token: unknown permission '{word}' (use download, list, upload, delete, admin)");
                    return ExitCodes.Usage;
                }
                permissions.Add(permission);
            }
            var tokenName = parse.GetValue(name)!;
            if (tokenName is "link" or "anonymous" || tokenName.Length == 0)
            {
                Console.Error.WriteLine($"baton token: '{tokenName}' is reserved; choose another name");
                return ExitCodes.Usage;
            }
            var secret = "bt_" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            var file = parse.GetValue(keys) ?? Path.Combine(RootOption.Resolve(parse.GetValue(root)), ".baton", "keys.json");
            KeysFileFormat.Add(file, new TokenEntry { Name = tokenName, Sha256 = TokenStore.Hash(secret), Permissions = [.. permissions] });
            Console.Error.WriteLine($"baton token: created '{tokenName}' ({string.Join(',', permissions).ToLowerInvariant()}) in {file}; the secret is shown only now:");
            Console.Out.WriteLine(secret);
            return ExitCodes.Success;
        });
        return new Command("token", "Manage API tokens.") { create };
    }
}
