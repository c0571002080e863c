using Baton.Protocol.Problems;

namespace Baton.Storage;

/// <summary>The outcome of an append, with the upload's state afterwards (null when not found / gone / locked).</summary>
public sealed record AppendResult(AppendOutcome Outcome, UploadInfo? Info, ProtocolError? Rejection = null, long BytesWritten = 0);
