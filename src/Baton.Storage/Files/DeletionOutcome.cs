namespace Baton.Storage.Files;

public enum DeletionOutcome
{
    /// <summary>The file is gone.</summary>
    Deleted,

    /// <summary>Nothing deletable was there.</summary>
    NotFound,

    /// <summary>The file changed after its version was read; nothing was deleted.</summary>
    Changed,

    /// <summary>The backend refused (permissions, read-only medium); nothing was deleted.</summary>
    Failed,
}
