namespace Baton.Storage.Files;

/// <summary>What an <see cref="IFileTree"/> operation did.</summary>
public enum TreeOutcome
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>The source (or the folder to delete) is not there, or is not the kind asked for.</summary>
    NotFound,

    /// <summary>Something is already at the destination (or a name equal to it up to case or Unicode normalisation).</summary>
    Exists,

    /// <summary>The folder is not empty and a recursive delete was not asked for.</summary>
    NotEmpty,

    /// <summary>A folder cannot be moved into itself or below itself.</summary>
    IntoItself,

    /// <summary>A folder on the way to the destination is a file.</summary>
    NotAFolder,

    /// <summary>The backend refused (permissions, read-only medium); nothing was changed.</summary>
    Failed,
}
