namespace Baton.Storage;

/// <summary>
/// tus §Concatenation, decided alike by every store: a final upload may join only its creator's own partial uploads (someone
/// else's is treated as if it did not exist — no oracle, no splice), and its length is the sum of theirs, unknown while one of
/// them has a deferred length.
/// </summary>
public static class FinalUploadPlan
{
    /// <summary>Whether <paramref name="partials"/> (looked up in order; null when not found) may be joined for
    /// <paramref name="owner"/> working in <paramref name="scope"/> (the folder it is confined to, null for none), and the final's
    /// length.</summary>
    public static bool TryPlan(IEnumerable<UploadInfo?> partials, string? owner, string? scope, out long? length)
    {
        length = 0;
        foreach (var partial in partials)
        {
            if (partial is not { Kind: UploadKind.Partial } || partial.Owner != owner || partial.Scope != scope)
            {
                length = null;
                return false;
            }
            length = partial.Length is long l && length is long sum ? sum + l : null;
        }
        return true;
    }
}
