using Baton.Protocol.Problems;

namespace Baton.Storage;

/// <summary>
/// Checks a fully received chunk before it is committed (tus checksum, checksum-trailer). Gets a read-only stream over exactly
/// the chunk's bytes as written; returns null to accept, or the rejection (the store then discards the chunk).
/// </summary>
public delegate ValueTask<ProtocolError?> ChunkVerifier(Stream chunk, CancellationToken cancellation);
