namespace Baton.Protocol.Paths;

/// <summary>What <see cref="NewEntryPath"/> decided about a path Baton is asked to create.</summary>
public enum NewPathCheck
{
    /// <summary>Safe, normalised (NFC) and within the limits.</summary>
    Valid,

    /// <summary>Traversal, an absolute or drive path, control or invisible characters, encoding left-overs, an empty name,
    /// leading or trailing spaces, a trailing dot: 400.</summary>
    Invalid,

    /// <summary>A name starting with '.', when hidden names are not accepted: 400.</summary>
    Hidden,

    /// <summary>Baton's state folder <c>.baton</c> in any case or look-alike spelling: 400.</summary>
    Reserved,

    /// <summary>A name over <see cref="PathLimits.MaxNameBytes"/>: 400.</summary>
    NameTooLong,

    /// <summary>The path over <see cref="PathLimits.MaxPathBytes"/>: 400.</summary>
    PathTooLong,

    /// <summary>More names than <see cref="PathLimits.MaxDepth"/>: 400.</summary>
    TooDeep,
}
