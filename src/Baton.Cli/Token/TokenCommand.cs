using System.CommandLine;
using System.Security.Cryptography;
using Baton.Server.Auth;
using Microsoft.AspNetCore.WebUtilities;

namespace Baton.Cli.Token;

/// <summary><c>baton token create|list|revoke</c>: API tokens in the keys file the server reads (ROOT/.baton/keys.json).</summary>
public static class TokenCommand
{
    public static Command Create() => new("token", "Manage API tokens.") { CreateVerb(), ListVerb(), RevokeVerb() };

    private static Command CreateVerb()
    {
        var name = new Argument<string>("NAME") { Description = "Who the token is for (recorded as the owner of its uploads)." };
        var can = new Option<string>("--can")
        {
            Description = "Comma-separated permissions: download, list, upload, delete, admin.",
            Required = true,
        };
        var replace = new Option<bool>("--replace") { Description = "Replace an existing token of this name (its old secret stops working)." };
        var scope = new Option<string?>("--scope")
        {
            Description = "Confine the token to this folder (relative to ROOT): it is the token's root; nothing outside can be named or seen.",
        };
        var (root, keys, cluster) = (RootOption.Create(), KeysOption(), ClusterOption());
        var create = new Command("create", """
            Create an API token: the secret is printed once; only its SHA-256 is stored (in the keys file the server reads).

            Examples:
              baton token create alice --can upload,download,list --root /srv/files
              baton token create ci --can admin --root /srv/files --replace
              baton token create bob --can upload,download,list --scope home/bob --root /srv/files
              baton token create alice --can upload,download --cluster "$BATON_CLUSTER__POSTGRES"
            Then: curl -H "Authorization: Bearer TOKEN" http://127.0.0.1:8080/api/files
            """)
        {
            name, can, replace, scope, root, keys, cluster,
        };
        create.SetAction(async (parse, _) =>
        {
            if (!Baton.Protocol.Paths.CallerScope.TryParse(parse.GetValue(scope), out var confinement))
            {
                return Fail($"--scope '{parse.GetValue(scope)}' is not a folder below the root (no '..', no hidden or .baton names)", ExitCodes.Usage);
            }
            var permissions = new List<BatonPermissions>();
            foreach (var word in parse.GetValue(can)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<BatonPermissions>(word, ignoreCase: true, out var permission) || permission is BatonPermissions.None or BatonPermissions.All)
                {
                    return Fail($"unknown permission '{word}' (use download, list, upload, delete, admin)", ExitCodes.Usage);
                }
                permissions.Add(permission);
            }
            var tokenName = parse.GetValue(name)!;
            if (tokenName is "link" or "anonymous" || tokenName.Length == 0)
            {
                return Fail($"'{tokenName}' is reserved; choose another name", ExitCodes.Usage);
            }
            var secret = "bt_" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            var entry = new TokenEntry
            {
                Name = tokenName, Sha256 = TokenStore.Hash(secret), Permissions = [.. permissions], Scope = confinement?.ToString(),
            };
            var confined = confinement is null ? "" : $", confined to {confinement}/";
            if (parse.GetValue(cluster) is { } connection)
            {
                return await OnClusterAsync(async () =>
                {
                    if (!await ClusterTokens.AddAsync(connection, entry, parse.GetValue(replace)))
                    {
                        return Fail($"a token named '{tokenName}' already exists in the cluster database; add --replace to replace it", ExitCodes.Usage);
                    }
                    Console.Error.WriteLine($"baton token: created '{tokenName}' ({string.Join(',', permissions).ToLowerInvariant()}{confined}) in the cluster database; the secret is shown only now:");
                    Console.Out.WriteLine(secret);
                    return ExitCodes.Success;
                });
            }
            if (!TryKeysFile(parse.GetValue(root), parse.GetValue(keys), out var file))
            {
                return ExitCodes.Usage;
            }
            if (!parse.GetValue(replace) && File.Exists(file) && KeysFileFormat.Read(file).Any(t => t.Name == tokenName))
            {
                return Fail($"a token named '{tokenName}' already exists in {file}; add --replace to replace it", ExitCodes.Usage);
            }
            KeysFileFormat.Add(file, entry);
            if (confinement is not null && parse.GetValue(keys) is null)
            {
                // The token's root exists from the start (on a disk root; an S3 root gets it with the first upload).
                Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(file)!)!, confinement.ToString()));
            }
            Console.Error.WriteLine($"baton token: created '{tokenName}' ({string.Join(',', permissions).ToLowerInvariant()}{confined}) in {file}; the secret is shown only now:");
            Console.Out.WriteLine(secret);
            return ExitCodes.Success;
        });
        return create;
    }

    private static Command ListVerb()
    {
        var (root, keys, cluster) = (RootOption.Create(), KeysOption(), ClusterOption());
        var list = new Command("list", "List the tokens in the keys file (or the cluster database): name and permissions (secrets are not stored).")
        {
            root, keys, cluster,
        };
        list.SetAction(async (parse, _) =>
        {
            IReadOnlyList<TokenEntry> tokens = [];
            if (parse.GetValue(cluster) is { } connection)
            {
                var listed = await OnClusterAsync(async () =>
                {
                    tokens = await ClusterTokens.ListAsync(connection);
                    return ExitCodes.Success;
                });
                if (listed != ExitCodes.Success)
                {
                    return listed;
                }
            }
            else if (TryKeysFile(parse.GetValue(root), parse.GetValue(keys), out var file))
            {
                tokens = File.Exists(file) ? KeysFileFormat.Read(file) : [];
            }
            else
            {
                return ExitCodes.Usage;
            }
            foreach (var token in tokens)
            {
                Console.Out.WriteLine($"{token.Name}\t{string.Join(',', token.Permissions).ToLowerInvariant()}\t{(string.IsNullOrEmpty(token.Scope) ? "/" : token.Scope + "/")}");
            }
            return ExitCodes.Success;
        });
        return list;
    }

    private static Command RevokeVerb()
    {
        var name = new Argument<string>("NAME") { Description = "The token to remove." };
        var (root, keys, cluster) = (RootOption.Create(), KeysOption(), ClusterOption());
        var revoke = new Command("revoke", "Remove a token; a running server refuses it from its next request on.") { name, root, keys, cluster };
        revoke.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(cluster) is { } connection)
            {
                return await OnClusterAsync(async () =>
                {
                    if (!await ClusterTokens.RemoveAsync(connection, parse.GetValue(name)!))
                    {
                        return Fail($"no token named '{parse.GetValue(name)}' in the cluster database", ExitCodes.NotFound);
                    }
                    Console.Error.WriteLine($"baton token: revoked '{parse.GetValue(name)}' in the cluster database");
                    return ExitCodes.Success;
                });
            }
            if (!TryKeysFile(parse.GetValue(root), parse.GetValue(keys), out var file))
            {
                return ExitCodes.Usage;
            }
            var tokenName = parse.GetValue(name)!;
            if (!KeysFileFormat.Remove(file, tokenName))
            {
                return Fail($"no token named '{tokenName}' in {file}", ExitCodes.NotFound);
            }
            Console.Error.WriteLine($"baton token: revoked '{tokenName}' in {file}");
            return ExitCodes.Success;
        });
        return revoke;
    }

    /// <summary>Runs a cluster-database action; an unreachable database or a bad connection string is one line and exit 3 / 2.</summary>
    private static async Task<int> OnClusterAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is Baton.Storage.StorageUnavailableException or Npgsql.NpgsqlException)
        {
            return Fail("the cluster database did not answer: " + e.Message, ExitCodes.Network);
        }
        catch (ArgumentException e)
        {
            return Fail("--cluster is not a valid PostgreSQL connection string: " + e.Message, ExitCodes.Usage);
        }
    }

    private static Option<string?> ClusterOption() => new("--cluster")
    {
        Description = "Use the cluster database (a PostgreSQL connection string, as Baton:Cluster:Postgres) instead of a keys file.",
    };

    private static Option<string?> KeysOption() => new("--keys") { Description = "Keys file (default ROOT/.baton/keys.json)." };

    /// <summary>--keys as given, else ROOT/.baton/keys.json of a root that was named or holds Baton state; prints which root is used.</summary>
    private static bool TryKeysFile(string? root, string? keys, out string file)
    {
        if (keys is not null)
        {
            file = Path.GetFullPath(keys);
            return true;
        }
        if (!RootOption.TryResolveState(root, out var resolved, out var error))
        {
            file = "";
            Fail(error!, ExitCodes.Usage);
            return false;
        }
        Console.Error.WriteLine($"baton token: root {resolved}");
        file = Path.Combine(resolved, ".baton", "keys.json");
        return true;
    }

    private static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine("baton token: " + message);
        return exitCode;
    }
}
