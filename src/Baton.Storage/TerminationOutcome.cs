namespace Baton.Storage;

/// <summary>How a termination ended.</summary>
public enum TerminationOutcome
{
    Terminated,
    NotFound,
    Gone,

    /// <summary>Another request held the upload and did not let go.</summary>
    Locked,
}
