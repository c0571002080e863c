namespace Baton.Cli.Serve;

/// <summary>What the command line said to <c>baton serve</c>; null means "take configuration or the default".</summary>
public sealed record ServeArguments(
    string? Root,
    string? Urls,
    bool AllowAnonymous = false,
    string? CertificatePath = null,
    string? CertificateKeyPath = null,
    string[]? ExtraConfiguration = null);
