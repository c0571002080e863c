using Baton.Cluster.Auth;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Baton.Server.Auth;

/// <summary>
/// Tokens in cluster mode: those configured inline (<see cref="AuthOptions.Tokens"/>, the same on every instance by
/// configuration) and those in the shared database (<c>baton token create --cluster</c>), read per request so a token created or
/// revoked anywhere counts on every instance from the next request on. No keys file: it would be one instance's alone.
/// </summary>
public sealed class ClusterTokenSource(IOptions<BatonOptions> options, ClusterTokenTable table) : ITokenSource
{
    // PostgreSQL's undefined_table: the schema is not migrated yet, so no token was ever created in it.
    private const string UndefinedTable = "42P01";

    private readonly Dictionary<string, TokenEntry> _inline = options.Value.Auth.Tokens
        .ToDictionary(t => t.Sha256.ToLowerInvariant(), StringComparer.Ordinal);

    public async ValueTask<TokenLookup> FindAsync(string secret, CancellationToken cancellation)
    {
        var hash = TokenStore.Hash(secret);
        if (_inline.TryGetValue(hash, out var configured))
        {
            return new TokenLookup(configured, true);
        }
        var (row, any) = await table.FindAsync(hash, cancellation).ConfigureAwait(false);
        return new TokenLookup(row is null ? null : ToEntry(row), any || _inline.Count > 0);
    }

    public async ValueTask<bool> HasTokensAsync(CancellationToken cancellation)
    {
        if (_inline.Count > 0)
        {
            return true;
        }
        try
        {
            return await table.AnyAsync(cancellation).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == UndefinedTable)
        {
            return false;
        }
    }

    /// <summary>The server's view of a token row (unknown permission names grant nothing).</summary>
    public static TokenEntry ToEntry(ClusterToken row) => new()
    {
        Name = row.Name,
        Sha256 = row.Sha256,
        Permissions = [.. row.Permissions.Select(p => Enum.TryParse<BatonPermissions>(p, ignoreCase: true, out var v) ? v : BatonPermissions.None)],
        QuotaBytes = row.QuotaBytes,
        MaxUploadSize = row.MaxUploadSize,
        Scope = row.Scope,
    };

    /// <summary>The row for a token entry (what <c>baton token create --cluster</c> stores).</summary>
    public static ClusterToken ToRow(TokenEntry entry) => new(
        entry.Name, entry.Sha256, [.. entry.Permissions.Select(p => p.ToString().ToLowerInvariant())], entry.QuotaBytes, entry.MaxUploadSize,
        string.IsNullOrEmpty(entry.Scope) ? null : entry.Scope);
}
