using Baton.Client.Uploads;

namespace Baton.Cli.Put;

/// <summary>The parsed <c>baton put</c> command line.</summary>
public sealed record PutArguments(
    FileInfo File,
    Uri Endpoint,
    long ChunkSize,
    int Parallel,
    IReadOnlyDictionary<string, string> Metadata,
    int Retries,
    long? LimitRate,
    string? Token = null,
    ChunkChecksums ChunkChecksums = ChunkChecksums.Auto,
    UploadProtocol Protocol = UploadProtocol.Auto,
    bool AsCopy = false);
