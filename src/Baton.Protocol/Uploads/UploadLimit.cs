using System.Globalization;
using System.Text;

namespace Baton.Protocol.Uploads;

/// <summary>
/// §4.4 <c>Upload-Limit</c>: a dictionary of the limits an upload resource enforces. Members with no limit are left out.
/// </summary>
public sealed record UploadLimit(long? MaxSize = null, long? MinSize = null, long? MaxAppendSize = null, long? MinAppendSize = null,
    long? MaxAgeSeconds = null)
{
    public bool IsEmpty => MaxSize is null && MinSize is null && MaxAppendSize is null && MinAppendSize is null && MaxAgeSeconds is null;

    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder, "max-size", MaxSize);
        Append(builder, "min-size", MinSize);
        Append(builder, "max-append-size", MaxAppendSize);
        Append(builder, "min-append-size", MinAppendSize);
        Append(builder, "max-age", MaxAgeSeconds);
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
