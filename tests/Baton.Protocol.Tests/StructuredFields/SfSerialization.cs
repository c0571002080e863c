using System.Globalization;
using System.Text;
using Baton.Protocol.StructuredFields;

namespace Baton.Protocol.Tests.StructuredFields;

/// <summary>
/// Serialises parsed values back to the canonical text of RFC 9651 §4.1, so table tests can state the whole expected
/// result (kinds, values, parameters, order) as one exact string.
/// </summary>
internal static class SfSerialization
{
    public static string List(IEnumerable<SfItem> members) => string.Join(", ", members.Select(Member));

    public static string Dictionary(IEnumerable<KeyValuePair<string, SfItem>> members) =>
        string.Join(", ", members.Select(kv => kv.Value.Kind == SfKind.Boolean && kv.Value.AsBoolean
            ? kv.Key + Parameters(kv.Value.Parameters) // §4.1.2: a true value is serialised as the bare key
            : kv.Key + "=" + Member(kv.Value)));

    public static string Member(SfItem item) => item.Kind == SfKind.InnerList
        ? "(" + string.Join(" ", item.InnerList.Select(Member)) + ")" + Parameters(item.Parameters)
        : Bare(item) + Parameters(item.Parameters);

    private static string Parameters(IReadOnlyList<KeyValuePair<string, SfItem>> parameters)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            builder.Append(';').Append(key);
            if (!(value.Kind == SfKind.Boolean && value.AsBoolean))
            {
                builder.Append('=').Append(Bare(value));
            }
        }
        return builder.ToString();
    }

    private static string Bare(SfItem item) => item.Kind switch
    {
        SfKind.Integer => item.AsInteger.ToString(CultureInfo.InvariantCulture),
        SfKind.Decimal => ((decimal)item.Value).ToString("0.0##", CultureInfo.InvariantCulture),
        SfKind.String => "\"" + item.AsString.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        SfKind.Token => item.AsString,
        SfKind.ByteSequence => ":" + Convert.ToBase64String(item.AsBytes) + ":",
        SfKind.Boolean => item.AsBoolean ? "?1" : "?0",
        _ => throw new InvalidOperationException($"not a bare item: {item.Kind}"),
    };
}
