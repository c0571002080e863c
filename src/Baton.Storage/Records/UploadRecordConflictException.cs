namespace Baton.Storage.Records;

/// <summary>
/// A save found the record changed since it was loaded (another instance wrote it, or removed the upload): the writer had lost
/// the upload's lock. Nothing was written, so nothing is acknowledged; the client asks for the offset again and resumes.
/// </summary>
public sealed class UploadRecordConflictException(string id)
    : IOException($"Upload {id} was changed by another writer; the save was refused.")
{
    public string UploadId { get; } = id;
}
