using Baton.Client.Downloads;

namespace Baton.Cli.Get;

/// <summary>The parsed <c>baton get</c> command line.</summary>
public sealed record GetArguments(
    IReadOnlyList<Uri> Urls,
    string? Output,
    int? Connections,
    ExpectedChecksum? Checksum,
    long? LimitRate,
    int Retries,
    bool NoRestart,
    string? Token = null,
    bool Recursive = false);
