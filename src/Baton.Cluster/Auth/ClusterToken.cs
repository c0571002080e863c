namespace Baton.Cluster.Auth;

/// <summary>One row of <c>baton_tokens</c>: a token as the server's token entry has it (the secret's SHA-256, never the secret).</summary>
/// <param name="Permissions">Lower-case permission names (<c>download</c>, <c>upload</c>…).</param>
public sealed record ClusterToken(
    string Name, string Sha256, IReadOnlyList<string> Permissions, long QuotaBytes = 0, long MaxUploadSize = 0, string? Scope = null);
