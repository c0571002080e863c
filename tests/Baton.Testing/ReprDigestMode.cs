namespace Baton.Testing;

/// <summary>Whether a test server sends <c>Repr-Digest</c>, and whether it is true.</summary>
public enum ReprDigestMode
{
    None,
    Correct,
    Wrong,
}
