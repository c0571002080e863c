namespace Baton.Protocol.Tus;

/// <summary>
/// tus §Upload-Offset / §Upload-Length: "a non-negative integer". Only ASCII digits are accepted (no sign, no spaces inside,
/// no exponent), and the value must fit in a signed 64-bit integer.
/// </summary>
public static class TusInteger
{
    public static bool TryParse(string? value, out long result)
    {
        result = 0;
        var text = value?.Trim(' ', '\t');
        if (string.IsNullOrEmpty(text) || text.Length > 19)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result);
    }
}
