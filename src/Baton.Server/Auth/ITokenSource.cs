namespace Baton.Server.Auth;

/// <summary>Where tokens are looked up: the keys file and inline settings (<see cref="TokenStore"/>), or in cluster mode the
/// shared database as well (<see cref="ClusterTokenSource"/>). One lookup per request.</summary>
public interface ITokenSource
{
    /// <summary>The token whose secret is <paramref name="secret"/> (null if none) and whether any token exists.</summary>
    ValueTask<TokenLookup> FindAsync(string secret, CancellationToken cancellation);

    /// <summary>Whether any token exists; without tokens Baton is open.</summary>
    ValueTask<bool> HasTokensAsync(CancellationToken cancellation);
}

/// <summary>The outcome of a token lookup.</summary>
public readonly record struct TokenLookup(TokenEntry? Entry, bool AnyTokens);
