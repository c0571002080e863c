namespace Baton.Storage;

/// <summary>Whether an upload id is known: present, never seen (or not an id this store issues), or removed.</summary>
public enum UploadPresence
{
    Found,
    NotFound,
    Gone,
}
