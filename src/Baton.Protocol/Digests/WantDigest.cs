using Baton.Protocol.StructuredFields;

namespace Baton.Protocol.Digests;

/// <summary>
/// <c>Want-Repr-Digest</c> / <c>Want-Content-Digest</c> (RFC 9530 §4): a dictionary of algorithm → preference 0–10,
/// where 0 means "not acceptable".
/// </summary>
public sealed class WantDigest
{
    public const string HeaderName = "Want-Repr-Digest";
    public const string ContentHeaderName = "Want-Content-Digest";

    private readonly Dictionary<string, long> _weights;

    private WantDigest(Dictionary<string, long> weights) => _weights = weights;

    /// <summary>Parses the field; an invalid field yields false and callers behave as if it were absent (§4).</summary>
    public static bool TryParse(string? field, out WantDigest want)
    {
        want = null!;
        if (!SfParser.TryParseDictionary(field, out var dictionary))
        {
            return false;
        }
        var weights = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, item) in dictionary)
        {
            if (item.Kind != SfKind.Integer || item.AsInteger is < 0 or > 10)
            {
                return false;
            }
            weights[key] = item.AsInteger;
        }
        want = new WantDigest(weights);
        return true;
    }

    /// <summary>Whether the client asked for <paramref name="algorithm"/> with a non-zero preference.</summary>
    public bool Accepts(string algorithm) => _weights.TryGetValue(algorithm, out var weight) && weight > 0;

    /// <summary>Of <paramref name="supported"/>, the one the client prefers most (ties go to the server's order), or null.</summary>
    public string? Preferred(IEnumerable<string> supported)
    {
        string? best = null;
        long bestWeight = 0;
        foreach (var algorithm in supported)
        {
            if (_weights.TryGetValue(algorithm, out var weight) && weight > bestWeight)
            {
                best = algorithm;
                bestWeight = weight;
            }
        }
        return best;
    }
}
