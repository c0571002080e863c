using Baton.Protocol.Problems;
using Microsoft.Win32.SafeHandles;

namespace Baton.Server.Downloads;

/// <summary>Either an open handle on a regular file and what it is, or the protocol error to answer with.</summary>
public readonly record struct OpenResult(SafeFileHandle? Handle, StoredFile? File, ProtocolError? Error)
{
    public static OpenResult Fail(ProtocolError error) => new(null, null, error);
}
