using System.IO.Pipelines;

namespace Baton.Storage;

/// <summary>
/// Bytes to append at <paramref name="Offset"/>, read from <paramref name="Body"/> to its end. With a <paramref name="Verifier"/>
/// the chunk is all-or-nothing (kept only if complete and accepted); without one, whatever arrives before an interruption is kept.
/// The store disposes the verifier when the append ends. <paramref name="MaxLength"/> caps the upload's size while its length is unknown (bytes past it are refused).
/// </summary>
public sealed record AppendRequest(long Offset, PipeReader Body, ChunkVerifier? Verifier = null, long? MaxLength = null);
