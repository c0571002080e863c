namespace Baton.Protocol.Paths;

/// <summary>What <see cref="RelativePath.TryParse"/> decided about a requested path.</summary>
public enum PathCheck
{
    /// <summary>A safe relative path.</summary>
    Valid,

    /// <summary>Not a safe path (traversal, separators, control characters, double encoding…): 400.</summary>
    Invalid,

    /// <summary>A hidden name (leading dot) or Baton's own state folder: answered as if absent, 404.</summary>
    Hidden,
}
