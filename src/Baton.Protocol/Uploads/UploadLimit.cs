using System.Globalization;
using System.Text;

namespace Baton.Protocol.Uploads;

/// <summary>
/// <c>Upload-Limit</c> ("Limits"): a Dictionary structured field of the limits an upload resource enforces. Members with no
/// limit are left out. The key of the remaining lifetime depends on the draft (<c>expires</c> in draft-05, <c>max-age</c> after).
/// </summary>
public sealed record UploadLimit(long? MaxSize = null, long? MinSize = null, long? MaxAppendSize = null, long? MinAppendSize = null,
    long? MaxAgeSeconds = null)
{
    public bool IsEmpty => MaxSize is null && MinSize is null && MaxAppendSize is null && MinAppendSize is null && MaxAgeSeconds is null;

    public const string MaxAgeKey = "max-age";

    public override string ToString() => Format(MaxAgeKey);

    /// <summary>The field value, naming the remaining lifetime <paramref name="lifetimeKey"/>.</summary>
    public string Format(string lifetimeKey)
    {
        var builder = new StringBuilder();
        Append(builder, "max-size", MaxSize);
        Append(builder, "min-size", MinSize);
        Append(builder, "max-append-size", MaxAppendSize);
        Append(builder, "min-append-size", MinAppendSize);
        Append(builder, lifetimeKey, MaxAgeSeconds);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string key, long? value)
    {
        if (value is null)
        {
            return;
        }
        if (builder.Length > 0)
        {
            builder.Append(", ");
        }
        builder.Append(key).Append('=').Append(value.Value.ToString(CultureInfo.InvariantCulture));
    }
}
