using Baton.Protocol.Paths;
using Baton.Storage.Files;

namespace Baton.Storage;

/// <summary>A stored file whose content was verified: at <see cref="Name"/>, in <see cref="Version"/>, with this SHA-256.</summary>
public sealed record StoredContent(RelativePath Name, FileVersion Version, byte[] Sha256)
{
    public ContentKey Key => ContentKey.Of(Sha256, Version.Length);
}
