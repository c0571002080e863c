using Baton.Protocol.Problems;
using Baton.Storage.Files;

namespace Baton.Server.Downloads;

/// <summary>Either an opened regular file and what it is, or the protocol error to answer with.</summary>
public readonly record struct OpenResult(IFileReader? Reader, StoredFile? File, ProtocolError? Error)
{
    public static OpenResult Fail(ProtocolError error) => new(null, null, error);
}
