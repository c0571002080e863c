using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Baton.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Baton.Server.Auth;

/// <summary>
/// The configured tokens, looked up by the SHA-256 of the presented secret (so no secret is stored, and comparison time does not
/// depend on how much of a guess was right). The keys file is re-read when it changes, so <c>baton token create</c> takes effect
/// without a restart.
/// </summary>
public sealed class TokenStore : ITokenSource
{
    private readonly AuthOptions _options;
    private readonly string _keysFile;
    private readonly Lock _gate = new();
    private Dictionary<string, TokenEntry> _byHash = new(StringComparer.Ordinal);
    private DateTime _loadedStamp = DateTime.MinValue;

    public TokenStore(IOptions<BatonOptions> options, BatonRoot root)
    {
        _options = options.Value.Auth;
        _keysFile = Path.IsPathRooted(_options.KeysFile) ? _options.KeysFile : Path.Combine(root.FullPath, _options.KeysFile);
        Reload();
    }

    /// <summary>Where tokens created from the command line are kept.</summary>
    public string KeysFile => _keysFile;

    /// <summary>Whether any token exists; without tokens Baton is open.</summary>
    public bool HasTokens
    {
        get
        {
            ReloadIfChanged();
            return _byHash.Count > 0;
        }
    }

    public TokenEntry? Find(string secret)
    {
        ReloadIfChanged();
        return _byHash.GetValueOrDefault(Hash(secret));
    }

    public ValueTask<TokenLookup> FindAsync(string secret, CancellationToken cancellation)
    {
        var entry = Find(secret);
        return ValueTask.FromResult(new TokenLookup(entry, entry is not null || HasTokens));
    }

    public ValueTask<bool> HasTokensAsync(CancellationToken cancellation) => ValueTask.FromResult(HasTokens);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private void ReloadIfChanged()
    {
        var stamp = File.Exists(_keysFile) ? File.GetLastWriteTimeUtc(_keysFile) : DateTime.MinValue;
        if (stamp != _loadedStamp)
        {
            Reload();
        }
    }

    private void Reload()
    {
        lock (_gate)
        {
            var entries = new Dictionary<string, TokenEntry>(StringComparer.Ordinal);
            foreach (var entry in _options.Tokens)
            {
                entries[entry.Sha256.ToLowerInvariant()] = entry;
            }
            var stamp = DateTime.MinValue;
            if (File.Exists(_keysFile))
            {
                stamp = File.GetLastWriteTimeUtc(_keysFile);
                foreach (var entry in KeysFileFormat.Read(_keysFile))
                {
                    entries[entry.Sha256.ToLowerInvariant()] = entry;
                }
            }
            _byHash = entries;
            _loadedStamp = stamp;
        }
    }
}
