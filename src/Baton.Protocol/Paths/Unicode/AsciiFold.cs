namespace Baton.Protocol.Paths.Unicode;

/// <summary>
/// Maps characters whose compatibility form (NFKC) is a single ASCII character — fullwidth letters, mathematical
/// alphanumerics, circled letters, the one-dot leader… — to that character, so a reserved name cannot be spelt in look-alikes
/// that a later layer (a client, an object store, another file system) might fold back.
/// </summary>
internal static class AsciiFold
{
    public static char Fold(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return (char)codePoint;
        }
        var index = UnicodeTables.AsciiFoldKeys.BinarySearch(codePoint);
        return index < 0 ? '\0' : (char)UnicodeTables.AsciiFoldValues[index];
    }
}
