namespace Baton.Storage.Records;

/// <summary>A loaded record: its bytes and version when <see cref="Presence"/> is <see cref="UploadPresence.Found"/>.</summary>
public readonly record struct UploadRecordLookup(UploadPresence Presence, ReadOnlyMemory<byte> Record, long Version)
{
    public static UploadRecordLookup NotFound => new(UploadPresence.NotFound, ReadOnlyMemory<byte>.Empty, 0);

    public static UploadRecordLookup Gone => new(UploadPresence.Gone, ReadOnlyMemory<byte>.Empty, 0);

    public static UploadRecordLookup Found(ReadOnlyMemory<byte> record, long version) => new(UploadPresence.Found, record, version);
}
