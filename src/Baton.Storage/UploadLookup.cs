using Baton.Protocol.Problems;

namespace Baton.Storage;

/// <summary>The answer to "where is upload X": its state when <see cref="Presence"/> is <see cref="UploadPresence.Found"/>.</summary>
public readonly record struct UploadLookup(UploadPresence Presence, UploadInfo? Info)
{
    public static UploadLookup NotFound => new(UploadPresence.NotFound, null);
    public static UploadLookup Gone => new(UploadPresence.Gone, null);

    /// <summary>The rejection when nothing was found: 410 for an upload that existed (terminated or expired), else 404.</summary>
    public ProtocolError Missing => Presence == UploadPresence.Gone ? ProtocolErrors.UploadGone : ProtocolErrors.UploadNotFound;
}
