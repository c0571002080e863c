using System.Collections;

namespace Baton.Cli.Serve;

/// <summary>
/// Maps <c>BATON_*</c> environment variables to configuration keys: <c>BATON_URLS</c> → <c>urls</c>, everything else into the
/// <c>Baton</c> section with <c>__</c> as the separator (<c>BATON_DOWNLOADS__MAXRANGES</c> → <c>Baton:DOWNLOADS:MAXRANGES</c>;
/// configuration keys are case-insensitive).
/// </summary>
public static class EnvironmentConfiguration
{
    public const string Prefix = "BATON_";

    public static IEnumerable<KeyValuePair<string, string?>> Read(IDictionary variables)
    {
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is not string name || !name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || name.Length == Prefix.Length)
            {
                continue;
            }
            var key = name[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal);
            yield return key.Equals("URLS", StringComparison.OrdinalIgnoreCase)
                ? new("urls", entry.Value as string)
                : new($"Baton:{key}", entry.Value as string);
        }
    }
}
